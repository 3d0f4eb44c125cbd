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
    assert Mailing.objects.count() == 1
    assert ConsentRecord.objects.filter(purpose="digests").count() == 4
