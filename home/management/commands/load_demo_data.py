"""Load realistic demo content in Polish, Ukrainian and English.

Each local app may contribute a `demo.py` with `load(log)`; they run in the
order of LOCAL_APPS, so later apps can rely on earlier ones (groups on the
directory, say). Every loader is idempotent: running the command twice
creates nothing new. The site skeleton (`setup_site`) comes first: the demo builds on it.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.discovery import app_modules
from home.demo_size import small_demo


class Command(BaseCommand):
    help = "Load demo content (idempotent) for every app that provides demo.py."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Load only these apps (labels).")
        parser.add_argument("--small", action="store_true",
                            help="The small set: every kind of page and URL, fewer rows (the crawl's).")

    def handle(self, *args, only=None, small=False, **options):
        call_command("setup_site", stdout=self.stdout)
        for app, demo in app_modules("demo"):
            if only and app not in only:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo data: {app}"))
            with transaction.atomic(), small_demo(small):
                demo.load(self.log)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def log(self, message):
        """Print one progress line, indented under its app's heading."""
        self.stdout.write(f"  {message}")
