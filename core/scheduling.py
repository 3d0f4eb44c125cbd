"""Every app's periodic django-q2 tasks, created or updated idempotently by `manage.py
setup_schedules` (core/management/commands/setup_schedules.py; safe on every deploy).

Any local app may declare `SCHEDULES` in `<app>/schedules.py`: a list of dicts with a unique
"name", the task's "func" (dotted path), optional "args"/"kwargs" (django-q2's text form),
"schedule_type" (a `django_q.models.Schedule` type), "minutes" for Schedule.MINUTES, and an
optional first run: "at" ("HH:MM", site time zone), "weekday" (0 = Monday) or "day" (of month).
Schedules are matched by name: a second run updates them in place and creates no duplicates;
a changed time moves the next run only when it was given explicitly.
"""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone
from django_q.models import Schedule

from .discovery import app_modules

FIELDS = ("func", "args", "kwargs", "schedule_type", "minutes", "repeats", "hook", "cluster")


def declared_schedules():
    """(app, declaration) for every `<app>/schedules.py` in LOCAL_APPS."""
    for app, module in app_modules("schedules"):
        for declaration in module.SCHEDULES:
            yield app, declaration


def first_run(declaration, now=None):
    """The next moment matching "at", "weekday" and "day" of a declaration (now when none is given)."""
    now = timezone.localtime(now or timezone.now())
    if "at" not in declaration:
        return now
    hour, minute = (int(part) for part in declaration["at"].split(":"))
    candidate = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    for _step in range(400):
        fits = (
            candidate > now
            and ("weekday" not in declaration or candidate.weekday() == declaration["weekday"])
            and ("day" not in declaration or candidate.day == declaration["day"])
        )
        if fits:
            return candidate
        candidate = timezone.make_aware(
            datetime.datetime.combine(candidate.date() + datetime.timedelta(days=1), candidate.time())
        )
    raise CommandError(f"cannot place schedule {declaration['name']!r}")


def apply(declarations, now=None):
    """Create missing schedules and update changed ones; returns (created, updated, unchanged) names."""
    created, updated, unchanged = [], [], []
    for _app, declaration in declarations:
        name = declaration["name"]
        values = {field: declaration.get(field) for field in FIELDS if field in declaration}
        values.setdefault("repeats", -1)
        matches = list(Schedule.objects.filter(name=name).order_by("pk"))
        if not matches:
            Schedule.objects.create(name=name, next_run=first_run(declaration, now), **values)
            created.append(name)
            continue
        schedule, duplicates = matches[0], matches[1:]
        for duplicate in duplicates:  # left by an older deploy that created schedules blindly
            duplicate.delete()
        changed = [field for field, value in values.items() if getattr(schedule, field) != value]
        if changed or duplicates:
            for field in changed:
                setattr(schedule, field, values[field])
            if {"schedule_type", "minutes"} & set(changed) or "at" in declaration and changed:
                schedule.next_run = first_run(declaration, now)
            schedule.save()
            updated.append(name)
        else:
            unchanged.append(name)
    return created, updated, unchanged

