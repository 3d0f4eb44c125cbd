"""Write a portable JSON backup of the content: `manage.py export_data FILE.json`.

What is exported and how objects are identified: home.backup. Pair it with
pg_dump and a copy of the media files (docs/operations.md, "Backing up").
"""

import json
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from home import backup


class Command(BaseCommand):
    help = "Export pages, taxonomy, snippets and the apps' registered models to a JSON file (natural keys)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the JSON file to write ('-' for standard output).")
        parser.add_argument("--models", nargs="*", metavar="APP.MODEL",
                            help="Export only these registry entries (e.g. home.sector wagtailcore.page).")

    def handle(self, *args, file, models=None, verbosity=1, **options):
        only = {label.lower() for label in models} if models else None
        entries = backup.registered_entries(only)
        if only and len(entries) != len(only):
            known = sorted(entry.label for entry in backup.registered_entries())
            raise CommandError(f"Unknown model in --models; exported models are: {', '.join(known)}")
        objects = []
        # One consistent snapshot even while the site keeps writing.
        with transaction.atomic():
            for entry in entries:
                rows = backup.objects_of(entry)
                with tqdm(total=backup.count_of(entry), desc=entry.label, unit="obj", disable=verbosity == 0 or file == "-",
                          file=self.stderr._out) as progress:
                    for obj in rows:
                        objects.append(backup.serialize(obj, entry))
                        progress.update()
        document = {
            "format": backup.FORMAT,
            "version": backup.VERSION,
            "exported_at": timezone.now().isoformat(),
            "models": [entry.label for entry in entries],
            "objects": objects,
        }
        text = json.dumps(document, ensure_ascii=False, indent=1)
        if file == "-":
            self.stdout.write(text)
            return
        self.write_atomically(Path(file), text)
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Exported {len(objects)} objects to {file}."))

    def write_atomically(self, path, text):
        """Replace `path` only once the whole file is written: a failed run leaves the old backup."""
        try:
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".", delete=False,
                                             prefix=f".{path.name}.", suffix=".tmp") as handle:
                handle.write(text)
            os.replace(handle.name, path)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}") from None
