"""Rebuild the search index (new index + alias swap) or push pending updates."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the search index into a new index and swap the alias, or push pending updates."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Reindex all content into a new index.")
        parser.add_argument("--sync", action="store_true", help="Push updates Elasticsearch has not received.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar (logs, CI).")

    def handle(self, *args, rebuild=False, sync=False, no_progress=False, **options):
        if not rebuild and not sync:
            self.stderr.write("Nothing to do: give --rebuild or --sync.")
            return
        if rebuild:
            total = indexing.count_candidates()
            with tqdm(total=total, unit="item", disable=no_progress, file=self.stderr) as bar:
                name, count = indexing.rebuild(progress=bar.update)
                elapsed = bar.format_dict["elapsed"] or 1e-9
            target = f"index {name}" if name else "the database copy (no ELASTICSEARCH_URL)"
            self.stdout.write(f"Indexed {count} entries into {target} in {elapsed:.1f} s ({count / elapsed:.0f}/s).")
        if sync:
            self.stdout.write(f"Pushed {indexing.push_pending()} pending updates.")
