"""Periodic tasks of this app, created by `manage.py setup_schedules` (see that command)."""

from django_q.models import Schedule

SCHEDULES = [
    {"name": "digests: daily digests", "func": "digests.tasks.plan_digests", "args": "'daily'",
     "schedule_type": Schedule.DAILY, "at": "06:00"},
    {"name": "digests: weekly digests", "func": "digests.tasks.plan_digests", "args": "'weekly'",
     "schedule_type": Schedule.WEEKLY, "at": "06:30", "weekday": 0},
    {"name": "digests: monthly digests", "func": "digests.tasks.plan_digests", "args": "'monthly'",
     "schedule_type": Schedule.MONTHLY, "at": "07:00", "day": 1},
    {"name": "digests: retry deliveries", "func": "digests.tasks.retry_deliveries",
     "schedule_type": Schedule.MINUTES, "minutes": 5},
]
