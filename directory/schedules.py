"""Periodic tasks of the directory app (created by manage.py setup_schedules)."""

SCHEDULES = [
    {
        "name": "directory.remind_stale_organisations",
        "func": "directory.tasks.remind_stale_organisations",
        "schedule_type": "D",
    },
    {
        "name": "directory.close_expired_items",
        "func": "directory.tasks.close_expired_items",
        "schedule_type": "D",
    },
]
