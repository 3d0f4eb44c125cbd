"""Deadline reminders: a week and a day before, to organisations that have not reacted, exactly once,
never to an organisation that opted out or a person who unsubscribed."""

import datetime

import pytest
from django.core import mail

from digests.models import Contact
from home.translation import ensure_translation
from positions import reminders
from positions.actions import add_comment, sign
from positions.models import Reminder, ReminderOptOut
from positions.reminders import send_due, stage_at

pytestmark = pytest.mark.django_db


def test_stages():
    deadline = datetime.datetime(2027, 1, 10, 12, tzinfo=datetime.UTC)
    assert stage_at(deadline, deadline - datetime.timedelta(days=8)) is None
    assert stage_at(deadline, deadline - datetime.timedelta(days=7)) == "week"
    assert stage_at(deadline, deadline - datetime.timedelta(days=2)) == "week"
    assert stage_at(deadline, deadline - datetime.timedelta(hours=23)) == "day"
    assert stage_at(deadline, deadline) is None


def test_a_week_and_a_day_before_signing_closes_silent_organisations_are_reminded_once(world, secretariat_position):
    deadline = secretariat_position.signing_closes_at
    sign(world.manager, secretariat_position, world.org.pk)  # A reacted: not reminded
    week = deadline - datetime.timedelta(days=6)
    assert send_due(week) == {"sent": 1}
    assert [message.to for message in mail.outbox] == [["other@example.org"]]
    assert "Apel o dostęp do mieszkań" in mail.outbox[0].subject
    assert send_due(week + datetime.timedelta(hours=1)) == {}  # again: nothing sent twice
    assert len(mail.outbox) == 1
    day = deadline - datetime.timedelta(hours=20)
    assert send_due(day) == {"sent": 1}
    assert len(mail.outbox) == 2
    assert send_due(day) == {} and len(mail.outbox) == 2
    assert set(Reminder.objects.values_list("stage", "state")) == {("week", "sent"), ("day", "sent")}


def test_consultation_reminders_skip_organisations_that_commented(world, group_position):
    add_comment(world.other_manager, group_position, group_position.paragraphs()[0][0], "Uwaga", world.other_org.pk)
    send_due(group_position.consultation_closes_at - datetime.timedelta(days=3))
    assert [message.to for message in mail.outbox] == [["manager@example.org"]]


def test_an_opted_out_organisation_and_an_unsubscribed_person_get_nothing(world, secretariat_position):
    ReminderOptOut.objects.create(organisation=world.org, by=world.manager)
    Contact.objects.create(email="other@example.org", status=Contact.UNSUBSCRIBED)
    outcome = send_due(secretariat_position.signing_closes_at - datetime.timedelta(days=2))
    assert outcome == {"skipped": 1}
    assert mail.outbox == []


def test_a_failed_send_is_retried_and_then_sent_once(world, secretariat_position, monkeypatch):
    ReminderOptOut.objects.create(organisation=world.org)
    when = secretariat_position.signing_closes_at - datetime.timedelta(days=2)
    original = reminders.compose

    def broken(reminder, person):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr(reminders, "compose", broken)
    assert send_due(when) == {"failed": 1}
    monkeypatch.setattr(reminders, "compose", original)
    assert send_due(when + datetime.timedelta(minutes=5)) == {"sent": 1}
    assert send_due(when + datetime.timedelta(minutes=10)) == {}
    assert len(mail.outbox) == 1


def test_the_reminder_is_in_the_managers_language(world, secretariat_position):
    ensure_translation(world.index, "uk", title="Позиції")
    ensure_translation(secretariat_position, "uk", title="Звернення щодо житла")
    world.other_manager.language = "uk"
    world.other_manager.save()
    ReminderOptOut.objects.create(organisation=world.org)
    send_due(secretariat_position.signing_closes_at - datetime.timedelta(days=2))
    message = mail.outbox[0]
    assert "/uk/" in message.body
