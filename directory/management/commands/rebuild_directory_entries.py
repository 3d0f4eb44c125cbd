"""manage.py rebuild_directory_entries: rewrite the denormalised directory rows and item masks."""

from django.core.management.base import BaseCommand

from directory.entries import rebuild_entries, rebuild_item_masks


class Command(BaseCommand):
    help = "Rewrite every directory entry and the vocabulary masks of needs and offers (after bulk SQL loads)."

    def handle(self, **options):
        organisations = rebuild_entries()
        items = rebuild_item_masks()
        self.stdout.write(self.style.SUCCESS(f"{organisations} organisations listed, {items} needs and offers updated."))
