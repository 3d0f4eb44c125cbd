"""Keeping the database copy and the Elasticsearch index in step with the content.

`update(kind, object_id)` recomputes one item (called by tasks); `push_pending()` sends
every unsynced entry to Elasticsearch (called after each update and on a schedule, so
updates made while Elasticsearch was down arrive later); `rebuild()` reindexes all
content into a new index and swaps the alias.
"""

import logging
import time

from django.db import transaction
from django.utils import timezone
from elasticsearch import helpers

from .client import get_client
from .documents import ContentDocument, alias_name, index_body
from .models import SearchEntry, SearchEntryFacet
from .registry import adapters, get_adapter

logger = logging.getLogger(__name__)
BULK_TIMEOUT = 120


def _entry_fields(entry, synced=False):
    return {
        "kind": entry.kind, "object_id": str(entry.object_id), "title": entry.title[:500],
        "summary": entry.summary, "body": entry.all_text, "url": entry.url[:500],
        "languages": " ".join(sorted(entry.texts)), "folded_title": entry.translit_title,
        "folded": entry.folded, "date": entry.date, "deleted": False, "synced": synced,
        "document": ContentDocument.from_entry(entry).to_dict(),
    }


def store(entries, synced=False):
    """Write entries to the database copy (one transaction; facets replaced)."""
    if not entries:
        return
    with transaction.atomic():
        rows = [SearchEntry(key=entry.key, **_entry_fields(entry, synced)) for entry in entries]
        fields = [name for name in _entry_fields(entries[0])] + ["updated_at"]
        now = timezone.now()
        for row in rows:
            row.updated_at = now
        SearchEntry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"], update_fields=fields)
        ids = dict(SearchEntry.objects.filter(key__in=[e.key for e in entries]).values_list("key", "pk"))
        SearchEntryFacet.objects.filter(entry_id__in=ids.values()).delete()
        SearchEntryFacet.objects.bulk_create(
            SearchEntryFacet(entry_id=ids[entry.key], name=name, value=value[:80])
            for entry in entries
            for name, value in entry.facet_rows()
        )


def remove(keys):
    """Mark entries deleted: invisible at once in the database, removed from Elasticsearch on push."""
    SearchEntry.objects.filter(key__in=keys).update(deleted=True, synced=False, updated_at=timezone.now())


def update(kind, object_id):
    """Recompute one item's entry from its model (or delete it), then push it to Elasticsearch."""
    adapter = get_adapter(kind)
    if adapter is None:
        return
    obj = adapter.load(object_id)
    entry = adapter.entry(obj) if obj is not None else None
    key = f"{kind}:{object_id}"
    if entry is None:
        remove([key])
    else:
        store([entry])
    push_pending(keys=[key])


def push_pending(keys=None, limit=5000):
    """Send unsynced entries to Elasticsearch; returns how many were sent.

    Raises the client's error when Elasticsearch is unreachable, so a task fails and is
    retried; the entries stay unsynced for the next push either way.
    """
    client = get_client()
    if client is None:
        return 0
    pending = SearchEntry.objects.filter(synced=False)
    if keys is not None:
        pending = pending.filter(key__in=keys)
    pending = list(pending[:limit])
    if not pending:
        return 0
    ensure_index(client)  # never let a bulk write auto-create an unanalysed index
    actions = [_action(row) for row in pending]
    # refresh: an editor who publishes and then searches finds the change at once.
    _, errors = helpers.bulk(client.options(request_timeout=BULK_TIMEOUT), actions, index=alias_name(),
                             refresh=True, raise_on_error=False)
    failed = set()
    for error in errors:
        op, info = next(iter(error.items()))
        if not (op == "delete" and info.get("status") == 404):  # already gone is fine
            failed.add(info.get("_id"))
            logger.error("Elasticsearch refused %s of %s: %s", op, info.get("_id"), info.get("error"))
    done = [row.pk for row in pending if row.key not in failed]
    SearchEntry.objects.filter(pk__in=done, deleted=True).delete()
    SearchEntry.objects.filter(pk__in=done).update(synced=True)
    return len(done)


def _action(row):
    if row.deleted:
        return {"_op_type": "delete", "_id": row.key}
    return {"_op_type": "index", "_id": row.key, "_source": row.document}


def ensure_index(client=None):
    """Create the content index and its alias when missing (first start, tests)."""
    client = client or get_client()
    if client is None or client.indices.exists_alias(name=alias_name()):
        return
    name = new_index_name()
    client.indices.create(index=name, body=index_body(has_analysis_common(client)))
    client.indices.put_alias(index=name, name=alias_name())


def new_index_name():
    return f"{alias_name()}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1_000_000:06d}"


_common = {}


def has_analysis_common(client):
    """Whether the cluster knows analysis-common's filters (asciifolding, stemmer)."""
    url = str(client.transport.node_pool.get().config)
    if url not in _common:
        try:
            client.indices.analyze(body={"tokenizer": "standard", "filter": ["asciifolding"], "text": "ą"})
            _common[url] = True
        except Exception:  # BadRequestError: unknown filter
            _common[url] = False
    return _common[url]


def iter_chunks(adapter):
    """The adapter's entries in chunks, walking its queryset by primary key (bounded memory)."""
    queryset = adapter.queryset().order_by("pk")
    last = None
    while True:
        chunk = list((queryset if last is None else queryset.filter(pk__gt=last))[: adapter.chunk_size])
        if not chunk:
            return
        last = chunk[-1].pk
        yield adapter.entries(chunk), len(chunk)


def count_candidates():
    return sum(adapter.queryset().count() for adapter in adapters().values())


def rebuild(progress=None, use_elasticsearch=True):
    """Reindex all content into a new index, swap the alias to it, drop the old index.

    Searches keep reading the old index until the swap. Items changed while the rebuild
    ran are pushed again after the swap. Without Elasticsearch (or `use_elasticsearch`
    False) only the database copy is rebuilt, left unsynced for `push_pending`. Returns (new index name or None, number of entries).
    """
    client = get_client() if use_elasticsearch else None
    es = client.options(request_timeout=BULK_TIMEOUT) if client is not None else None
    started = timezone.now()
    name = None
    if es is not None:
        name = new_index_name()
        body = index_body(has_analysis_common(client))
        body["settings"]["refresh_interval"] = "-1"  # no refreshes while bulk loading
        es.indices.create(index=name, body=body)
    written = {}
    for adapter in adapters().values():
        for entries, candidates in iter_chunks(adapter):
            store(entries, synced=es is not None)
            now = timezone.now()
            written.update((entry.key, now) for entry in entries)
            if es is not None and entries:
                actions = ({"_id": e.key, "_source": ContentDocument.from_entry(e).to_dict()} for e in entries)
                helpers.bulk(es, actions, index=name, chunk_size=len(entries))
            if progress:
                progress(candidates)
    # Rows of items that vanished or stopped being searchable (not written by this rebuild).
    SearchEntry.objects.filter(updated_at__lt=started).exclude(key__in=list(written)).delete()
    if es is not None:
        es.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        es.indices.refresh(index=name)
        swap_alias(es, name)
        changed = [
            key for key, updated in SearchEntry.objects.filter(updated_at__gte=started).values_list("key", "updated_at")
            if updated > written.get(key, started)
        ]
        SearchEntry.objects.filter(key__in=changed).update(synced=False)
        push_pending(keys=changed)
    return name, len(written)


def swap_alias(client, name):
    """Point the alias at index `name` in one atomic step and delete the indexes it left."""
    alias = alias_name()
    old = list(client.indices.get_alias(name=alias, ignore_unavailable=True)) if client.indices.exists_alias(
        name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(body={"actions": actions})
    for index in old:
        if index != name:
            client.indices.delete(index=index, ignore_unavailable=True)
