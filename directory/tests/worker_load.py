"""A task for the import concurrency test: the worker holds a write transaction for a while."""

import time

from django.db import transaction
from django.db.models import F

from directory.models import DirectoryIndexPage


def hold_write_lock(seconds):
    """Update the directory page's row (the row every imported organisation's creation updates too)
    and keep the transaction open for `seconds`: a write lock on SQLite, a row lock on PostgreSQL."""
    from wagtail.models import Page

    index = DirectoryIndexPage.objects.filter(locale__language_code="pl").first()
    with transaction.atomic():
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild"))
        time.sleep(seconds)
    return seconds
