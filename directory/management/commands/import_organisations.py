"""manage.py import_organisations FILE.csv [--dry-run] [--publish]"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from directory.importing import import_organisations
from directory.registration import directory_index


class Command(BaseCommand):
    help = "Import organisations from a CSV file in the format of DOMAIN.md (re-import updates)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 CSV file with a header row")
        parser.add_argument("--dry-run", action="store_true", help="Validate and compare only; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish new organisations at once.")

    @no_translations
    def handle(self, file, dry_run=False, publish=False, **options):
        if directory_index() is None:
            raise CommandError("Create the directory page first (or run load_demo_data).")
        try:
            with open(file, "rb") as handle:
                result = import_organisations(handle, dry_run=dry_run, publish=publish, progress=True)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        for error in result.errors:
            self.stderr.write(str(error))
        prefix = "Dry run (nothing written): " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
