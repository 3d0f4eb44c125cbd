"""Periodic tasks of the accounts app (created by manage.py setup_schedules)."""

SCHEDULES = [
    {
        "name": "accounts.purge_expired_personal_data",
        "func": "accounts.tasks.purge_expired_personal_data",
        "schedule_type": "D",
    },
]
