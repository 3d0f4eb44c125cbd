"""Periodic tasks of this app, created by `manage.py setup_schedules` (see that command).

"name" is the key setup_schedules finds a schedule by; "label" is what the admin's read-only
"Digest schedules" report shows (digests/schedule_report.py).
"""

from django.utils.translation import gettext_lazy as _
from django_q.models import Schedule

SCHEDULES = [
    {"name": "digests: daily digests", "func": "digests.tasks.plan_digests", "args": "'daily'",
     "label": _("Daily digests"),
     "schedule_type": Schedule.DAILY, "at": "06:00"},
    {"name": "digests: weekly digests", "func": "digests.tasks.plan_digests", "args": "'weekly'",
     "label": _("Weekly digests"),
     "schedule_type": Schedule.WEEKLY, "at": "06:30", "weekday": 0},
    {"name": "digests: monthly digests", "func": "digests.tasks.plan_digests", "args": "'monthly'",
     "label": _("Monthly digests"),
     "schedule_type": Schedule.MONTHLY, "at": "07:00", "day": 1},
    {"name": "digests: retry deliveries", "func": "digests.tasks.retry_deliveries",
     "label": _("Retry of failed deliveries"),
     "schedule_type": Schedule.MINUTES, "minutes": 5},
]
