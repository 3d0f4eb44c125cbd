"""`manage.py setup_schedules`: create or update the periodic tasks of every app (core.scheduling)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.scheduling import apply, declared_schedules


class Command(BaseCommand):
    help = "Create or update the periodic tasks that apps declare in <app>/schedules.py (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created, updated, unchanged = apply(list(declared_schedules()))
        for label, names in (("created", created), ("updated", updated), ("unchanged", unchanged)):
            for name in names:
                self.stdout.write(f"{label}: {name}")
        self.stdout.write(self.style.SUCCESS(
            f"Schedules: {len(created)} created, {len(updated)} updated, {len(unchanged)} unchanged."
        ))
