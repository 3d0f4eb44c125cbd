"""Stale profiles: reminders once per staleness period, the editors' report, the profile's notice."""

import pytest
from django.core import mail
from django.utils import timezone

from directory.factories import MembershipFactory
from directory.models import Membership
from directory.staleness import remind_stale_organisations, stale_organisations

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timezone.timedelta(days=days)


def test_reminders_go_once_to_managers_of_stale_profiles(organisation_factory, user_factory):
    stale = organisation_factory(title="Stara", last_confirmed_at=days_ago(400))
    fresh = organisation_factory(title="Świeża", last_confirmed_at=days_ago(20))
    manager = MembershipFactory(organisation=stale, role=Membership.MANAGER,
                                user=user_factory(email="m@example.org", language="en")).user
    MembershipFactory(organisation=stale, role=Membership.MEMBER)
    MembershipFactory(organisation=fresh, role=Membership.MANAGER)

    assert list(stale_organisations()) == [stale]
    assert remind_stale_organisations() == 1
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert "still current" in mail.outbox[0].subject
    assert remind_stale_organisations() == 0 and len(mail.outbox) == 1

    # Confirmed, then stale again a year later: one new reminder.
    stale.last_confirmed_at = timezone.now()
    stale.save()
    assert remind_stale_organisations() == 0
    # A year on, both profiles are stale again (the fresh one too): one new reminder each.
    assert remind_stale_organisations(now=timezone.now() + timezone.timedelta(days=400)) == 2


def test_profile_says_it_may_be_out_of_date(client, organisation_factory):
    org = organisation_factory(last_confirmed_at=days_ago(400))
    assert "może być nieaktualny" in client.get(org.url).content.decode()


def test_report_is_for_editors_only(client, organisation_factory, secretariat_user, user_factory):
    organisation_factory(title="Stara Fundacja", last_confirmed_at=days_ago(500))
    client.force_login(secretariat_user)
    response = client.get("/admin/reports/stale-organisations/")
    assert response.status_code == 200 and "Stara Fundacja" in response.content.decode()
    csv = client.get("/admin/reports/stale-organisations/?export=csv")
    assert b"Stara Fundacja" in b"".join(csv.streaming_content) if csv.streaming else csv.content
    client.force_login(user_factory(is_staff=True))
    assert client.get("/admin/reports/stale-organisations/").status_code in (302, 403)
