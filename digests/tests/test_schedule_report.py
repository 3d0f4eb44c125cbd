"""The read-only "Digest schedules" report of the Polish admin, for the Secretariat (#20 item 7)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task
from wagtail.users.models import UserProfile

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from groups.factories import WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedules():
    call_command("setup_schedules", stdout=open("/dev/null", "w"))
    daily = Schedule.objects.get(name="digests: daily digests")
    now = timezone.now()
    Task.objects.create(id="f" * 32, name="daily-run", func=daily.func, started=now, stopped=now, success=True)
    daily.task = "f" * 32
    daily.save()
    return daily


def signed_in(client, user, language="pl"):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def secretary(user_factory):
    user = user_factory(email="sekretariat@example.org")
    user.groups.set([keyed(Group, SECRETARIAT_KEY)])
    return user


def test_the_secretariat_reads_the_digest_schedules_in_polish(client, schedules, secretary):
    response = signed_in(client, secretary).get(reverse("digests_schedules_report"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Harmonogram podsumowań", "Podsumowania dzienne", "Podsumowania tygodniowe",
                 "Podsumowania miesięczne", "Ponowne wysyłki nieudanych", "Codziennie", "Co tydzień",
                 "Co miesiąc", "Co 5 minut", "Udane", "Jeszcze nie uruchomiono", "Następne uruchomienie"):
        assert text in html, text
    # Read-only: the schedules are setup_schedules' (every deploy), nothing here edits them.
    assert "/edit/" not in html and "django_q" not in html
    assert "digests: daily digests" not in html  # the key, not the label
    # The next run as a date and time in the site's zone (tomorrow's 06:00 is no "just now").
    next_daily = timezone.localtime(Schedule.objects.get(name="digests: daily digests").next_run)
    assert next_daily > timezone.localtime() and f"{next_daily:%H:%M}" in html


def test_the_report_in_ukrainian(client, schedules, secretary):
    html = signed_in(client, secretary, "uk").get(reverse("digests_schedules_report")).content.decode()
    assert "Щоденні дайджести" in html and "Кожні 5 хвилин" in html


def test_the_report_is_in_the_secretariats_reports_menu(client, schedules, secretary):
    html = signed_in(client, secretary).get("/admin/").content.decode()
    assert reverse("digests_schedules_report") in html


def test_others_in_the_admin_are_refused(client, schedules, user_factory):
    coordinator = user_factory(email="koordynatorka@example.org")
    appoint_coordinator(coordinator, WorkingGroupPageFactory(parent=HomePage.objects.first()))
    client = signed_in(client, coordinator)
    response = client.get(reverse("digests_schedules_report"))
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
    assert reverse("digests_schedules_report") not in client.get("/admin/").content.decode()
