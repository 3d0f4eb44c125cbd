"""The demo data of digests loads twice without duplicates; its subscribers can get a digest."""

import pytest
from django.core.management import call_command

from accounts.models import ConsentRecord
from digests.models import Mailing, Subscription

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(home_page):
    call_command("load_demo_data", only=["digests"])
    count = Subscription.objects.count()
    call_command("load_demo_data", only=["digests"])
    assert Subscription.objects.count() == count == 4
    # One mailing, written in Polish and translated into uk and en (wagtail-localize translations).
    [mailing] = Mailing.objects.filter(locale__language_code="pl")
    assert sorted(mailing.versions()) == ["en", "pl", "uk"] and Mailing.objects.count() == 3
    assert ConsentRecord.objects.filter(purpose="digests").count() == 4
