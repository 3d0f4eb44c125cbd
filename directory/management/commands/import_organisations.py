"""manage.py import_organisations FILE [--dry-run] [--publish] | --resume RUN_ID

Prints one line per row (new / which columns change / unchanged / rejected), the rejected
rows' errors on stderr, then the summary line `created: N, updated: N, unchanged: N,
rejected: N` (scripts read it). Exit status: 0 when at least one row was accepted, 1 when
every row was rejected or the file could not be read, 2 when a system failure interrupted
the import (what was done is kept and reported; `--resume RUN_ID` goes on).
"""

from django.core.management.base import BaseCommand, CommandError, no_translations

from directory.importing import ImportInterrupted, import_organisations, run_import
from directory.models import ImportRun


class Command(BaseCommand):
    help = "Import organisations from a CSV or XLSX file in the format of DOMAIN.md (re-import updates)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="UTF-8 CSV (header row) or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="Validate and compare only; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish new organisations at once.")
        parser.add_argument("--resume", type=int, metavar="RUN_ID", help="Go on with an interrupted import.")

    @no_translations
    def handle(self, file=None, dry_run=False, publish=False, resume=None, **options):
        try:
            if resume:
                # Interrupted, or left "running" by a process that was killed.
                run = ImportRun.objects.filter(pk=resume, status__in=[ImportRun.Status.INTERRUPTED,
                                                                      ImportRun.Status.RUNNING]).first()
                if run is None:
                    raise CommandError(f"No interrupted import {resume}.")
                run = run_import(run, progress=True)
            elif file:
                try:
                    with open(file, "rb") as handle:
                        run = import_organisations(handle, dry_run=dry_run, publish=publish, progress=True)
                except OSError as error:
                    raise CommandError(f"Cannot read {file}: {error}") from error
            else:
                raise CommandError("Give a FILE or --resume RUN_ID.")
        except ImportInterrupted as interrupted:
            self.report(interrupted.run)
            self.stderr.write(interrupted.run.problem)
            self.stderr.write(f"Resume with: manage.py import_organisations --resume {interrupted.run.pk}")
            raise SystemExit(2) from interrupted
        self.report(run)
        if run.status == ImportRun.Status.FAILED or (run.rejected and run.rejected >= run.total):
            raise SystemExit(1)

    def report(self, run):
        """The per-row diff, the errors, the summary line."""
        for line in run.report_lines():
            self.stdout.write(line.describe())
        for error in run.errors:
            self.stderr.write(str(error))
        if run.problem and run.status == ImportRun.Status.FAILED:
            self.stderr.write(run.problem)
        prefix = "Dry run (nothing written): " if run.dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + run.summary()))
