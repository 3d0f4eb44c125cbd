"""Background tasks of search (django-q2); run synchronously when Q_CLUSTER has sync=True.

An update first writes the database copy, then pushes to Elasticsearch. If Elasticsearch
is down the task fails (django-q2 retries it) and the entry stays unsynced, so the
scheduled `sync_pending` delivers it later: nothing is lost.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction

from . import indexing

logger = logging.getLogger(__name__)


def update_item(kind, object_id):
    """Recompute and push one item's entry (raises when Elasticsearch is unreachable)."""
    indexing.update(kind, object_id)


def sync_pending():
    """Push every entry that Elasticsearch has not received yet; returns how many."""
    return indexing.push_pending()


def reconcile(kind="support"):
    """Index what should be searchable and drop what no longer is, for one content type.

    For changes made without signals (e.g. the directory closing expired needs and offers
    with `.update()`); returns how many items were updated. Scheduled in search/schedules.py.
    """
    from .models import SearchEntry
    from .registry import get_adapter

    adapter = get_adapter(kind)
    if adapter is None:
        return 0
    wanted = {str(pk) for pk in adapter.queryset().values_list("pk", flat=True)}
    indexed = set(SearchEntry.objects.filter(kind=kind, deleted=False).values_list("object_id", flat=True))
    changed = sorted(wanted ^ indexed)
    for object_id in changed:
        try:
            indexing.update(kind, object_id)
        except Exception:  # Elasticsearch down: the database copy is right, sync_pending delivers the rest
            logger.exception("Search reconcile of %s:%s left for sync_pending", kind, object_id)
    return len(changed)


_paused = threading.local()


@contextmanager
def paused():
    """Queue no updates inside the block (a bulk load followed by `indexing.rebuild()`)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def enqueue(kind, object_id):
    """Queue an update of one item once the current transaction commits (unless `paused`)."""
    if getattr(_paused, "on", False):
        return
    transaction.on_commit(lambda: _queue(kind, str(object_id)))


def _queue(kind, object_id):
    from django_q.tasks import async_task

    try:
        async_task("search.tasks.update_item", kind, object_id, group="search")
    except Exception:  # the broker is down: update the database copy now, Elasticsearch via sync_pending
        logger.exception("Could not queue the search update of %s:%s", kind, object_id)
        try:
            indexing.update(kind, object_id)
        except Exception:
            logger.exception("Search update of %s:%s left for sync_pending", kind, object_id)
