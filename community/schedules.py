"""Periodic tasks of this app, created by `manage.py setup_schedules` (see that command)."""

from django_q.models import Schedule

SCHEDULES = [
    {"name": "community: daily discussion summaries", "func": "community.notifications.send_daily_summaries",
     "schedule_type": Schedule.DAILY, "at": "17:00"},
]
