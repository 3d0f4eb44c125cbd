"""Restore a JSON backup written by export_data: `manage.py import_data FILE.json`.

Idempotent: objects are matched by natural key, updated when they differ and
created when missing, all in one transaction; a second run changes nothing.
Nothing is deleted. `--dry-run` reports what would change and writes nothing.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from home import backup


class Command(BaseCommand):
    help = "Import a JSON file written by export_data (create or update by natural key; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by export_data.")
        parser.add_argument("--models", nargs="*", metavar="APP.MODEL", help="Import only records of these models.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")

    def handle(self, *args, file, models=None, dry_run=False, verbosity=1, **options):
        document = self.read(file)
        records = document["objects"]
        if models:
            only = {label.lower() for label in models}
            records = [r for r in records if r.get("model") in only
                       or ("wagtailcore.page" in only and "parent" in r)]
        try:
            with transaction.atomic(), tqdm(total=len(records), desc="import", unit="obj",
                                            disable=verbosity == 0, file=self.stderr._out) as progress:
                counts = backup.import_records(records, progress)
                if dry_run:
                    transaction.set_rollback(True)
        except backup.ImportFailed as exc:
            raise CommandError(f"Nothing was imported: {exc}") from None
        summary = ", ".join(f"{counts[state]} {state}" for state in ("created", "updated", "unchanged"))
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{summary}."))

    def read(self, file):
        """The parsed file, or a clear error for a missing, unreadable or foreign file."""
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{file} is not a JSON file: {exc}") from None
        if not isinstance(document, dict) or document.get("format") != backup.FORMAT:
            raise CommandError(f"{file} is not a file written by export_data.")
        if document.get("version") != backup.VERSION:
            raise CommandError(f"{file} has format version {document.get('version')}; this site reads {backup.VERSION}.")
        if not isinstance(document.get("objects"), list):
            raise CommandError(f"{file} has no list of objects.")
        return document
