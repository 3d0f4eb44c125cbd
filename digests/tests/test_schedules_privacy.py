"""setup_schedules is idempotent; privacy hooks export, erase and purge subscriptions."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from digests import privacy
from digests.factories import SubscriptionFactory
from core.scheduling import first_run
from digests.models import Subscription
from digests.schedules import SCHEDULES

pytestmark = pytest.mark.django_db


def test_setup_schedules_twice_creates_no_duplicates():
    call_command("setup_schedules", stdout=StringIO())
    count = Schedule.objects.count()
    assert count >= len(SCHEDULES)
    weekly = Schedule.objects.get(name="digests: weekly digests")
    assert weekly.func == "digests.tasks.plan_digests" and weekly.args == "'weekly'"
    assert timezone.localtime(weekly.next_run).weekday() == 0
    out = StringIO()
    call_command("setup_schedules", stdout=out)
    assert Schedule.objects.count() == count
    assert "0 created" in out.getvalue()


def test_changed_and_duplicated_schedules_are_repaired():
    call_command("setup_schedules", stdout=StringIO())
    Schedule.objects.filter(name="digests: retry deliveries").update(minutes=60)
    Schedule.objects.create(name="digests: daily digests", func="old.path", schedule_type=Schedule.DAILY)
    call_command("setup_schedules", stdout=StringIO())
    assert Schedule.objects.get(name="digests: retry deliveries").minutes == 5
    daily = Schedule.objects.get(name="digests: daily digests")
    assert daily.func == "digests.tasks.plan_digests"


def test_first_run_lands_on_the_declared_day_and_time():
    now = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
    monthly = first_run({"name": "m", "at": "07:00", "day": 1}, now)
    assert (monthly.month, monthly.day, monthly.hour) == (12, 1, 7)
    daily = first_run({"name": "d", "at": "06:00"}, now)
    assert (daily.day, daily.hour) == (26, 6)


def test_privacy_export_erase_and_retention(user_factory):
    user = user_factory(email="person@example.org")
    SubscriptionFactory(email="person@example.org", sectors=["housing"])
    data = privacy.export_personal_data(user)
    assert data["subscriptions"][0]["sectors"] == ["housing"]
    assert privacy.erase_personal_data(user) == {"subscriptions": 1, "address_consents": 0}
    assert not Subscription.objects.exists()
    old = SubscriptionFactory(status=Subscription.PENDING, confirmed_at=None)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    SubscriptionFactory(status=Subscription.PENDING, confirmed_at=None)
    assert privacy.purge_expired(timezone.now())["pending_subscriptions"] == 1
    assert Subscription.objects.count() == 1
