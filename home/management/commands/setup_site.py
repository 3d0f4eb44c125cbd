"""manage.py setup_site: the site skeleton without demo data (idempotent).

Runs each local app's `skeleton.py` `build(home, log)` in the order of LOCAL_APPS, in one
transaction: home page in pl/uk/en, news, directory (with the registration workflow),
library, working groups, Forum meetings and draft legal documents. Run it after `migrate`
on a new site; `load_demo_data` runs it first.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.discovery import app_modules


class Command(BaseCommand):
    help = "Create the site skeleton (home, directory, library, groups, meetings, news, legal pages); idempotent."

    def handle(self, *args, **options):
        from home.skeleton import site_home

        with transaction.atomic():
            home = site_home()
            for _app, skeleton in app_modules("skeleton"):
                skeleton.build(home, self.log)
        self.stdout.write(self.style.SUCCESS("Site skeleton ready."))

    def log(self, message):
        """Print one progress line."""
        self.stdout.write(f"  {message}")
