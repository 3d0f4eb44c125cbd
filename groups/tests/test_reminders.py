"""The 24-hour reminder goes out once, even when the task runs twice or at the same time."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.registration import register
from groups.tasks import send_meeting_reminders

pytestmark = pytest.mark.django_db


def test_reminder_sent_once(group, user_factory):
    soon = timezone.now() + datetime.timedelta(hours=20)
    meeting = MeetingPageFactory(parent=group, slug="jutro", start=soon, end=soon + datetime.timedelta(hours=2))
    later = MeetingPageFactory(parent=group, slug="za-tydzien")
    user = user_factory()
    register(user, meeting)
    register(user, later)
    mail.outbox.clear()
    assert send_meeting_reminders() == 1
    assert send_meeting_reminders() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert mail.outbox[0].attachments[0][2] == "text/calendar"


def test_schedule_is_installed_once():
    from io import StringIO

    from django.core.management import call_command
    from django_q.models import Schedule

    call_command("setup_schedules", stdout=StringIO())
    call_command("setup_schedules", stdout=StringIO())
    schedule = Schedule.objects.get(func="groups.tasks.send_meeting_reminders")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 15)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_reminder_once(tx_home_page, user_factory):
    index = GroupIndexPageFactory(parent=tx_home_page)
    group = WorkingGroupPageFactory(parent=index, slug="rownolegle")
    soon = timezone.now() + datetime.timedelta(hours=3)
    meeting = MeetingPageFactory(parent=group, slug="za-3h", start=soon, end=soon + datetime.timedelta(hours=1),
                                 capacity=None)
    for _ in range(6):
        register(user_factory(), meeting)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    counts = []

    def run():
        try:
            barrier.wait(timeout=10)
            counts.append(send_meeting_reminders())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(counts) == 6
    assert len(mail.outbox) == 6
    assert len({tuple(message.to) for message in mail.outbox}) == 6
