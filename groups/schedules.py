"""Periodic tasks of the working groups (created by manage.py setup_schedules)."""

SCHEDULES = [
    {
        "name": "groups.send_meeting_reminders",
        "func": "groups.tasks.send_meeting_reminders",
        "schedule_type": "I",  # django_q Schedule.MINUTES
        "minutes": 15,
    },
]
