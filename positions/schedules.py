"""Periodic tasks of the positions (created by manage.py setup_schedules)."""

SCHEDULES = [
    {
        "name": "positions: deadline reminders",
        "func": "positions.tasks.send_reminders",
        "schedule_type": "H",  # django_q Schedule.HOURLY
    },
]
