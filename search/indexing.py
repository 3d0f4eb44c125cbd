"""Keeping the database copy and the Elasticsearch index in step with the content.

`update(kind, object_id)` recomputes one item (called by tasks); `push_pending()` sends
every unsynced entry to Elasticsearch (called after each update and on a schedule, so
updates made while Elasticsearch was down arrive later); `rebuild()` reindexes all
content into a new index and swaps the alias.
"""

import logging
import queue
import threading
import time

from django.db import connection, transaction
from django.utils import timezone
from elasticsearch import helpers

from . import suggestions
from .client import get_client
from .documents import alias_name, index_body, source
from .models import SearchEntry, SearchEntryFacet
from .registry import adapters, get_adapter

logger = logging.getLogger(__name__)
BULK_TIMEOUT = 120


def _entry_fields(entry, synced=False):
    document = source(entry)
    return {
        "kind": entry.kind, "object_id": str(entry.object_id), "title": entry.title[:500],
        "summary": entry.summary, "body": entry.body_text, "url": entry.url[:500],
        "languages": " ".join(entry.texts), "translations": entry.shown_texts, "folded_title": f" {entry.folded_titles} ",
        "folded": entry.folded, "title_keys": f" {entry.title_keys} ", "tag_keys": f" {entry.tag_keys} ",
        "keys": f" {entry.body_keys} ", "date": entry.date, "deleted": False, "synced": synced,
        "paths": f" {' '.join(entry.paths)} " if entry.paths else "",
        # Kept only until Elasticsearch has it (push_pending); a row written synced needs none.
        "document": {} if synced else document,
    }, document


def store(entries, synced=False):
    """Write entries to the database copy (one transaction); returns {key: Elasticsearch document}.

    Facet rows are diffed, not rewritten: a rebuild of unchanged content inserts and deletes none.
    """
    if not entries:
        return {}
    fields, documents = {}, {}
    for entry in entries:
        fields[entry.key], documents[entry.key] = _entry_fields(entry, synced)
    now = timezone.now()
    with transaction.atomic():
        rows = [SearchEntry(key=key, updated_at=now, **values) for key, values in fields.items()]
        update_fields = list(next(iter(fields.values()))) + ["updated_at"]
        SearchEntry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"], update_fields=update_fields)
        # PostgreSQL and SQLite return the upserted rows' ids; ask only if a backend did not.
        ids = {row.key: row.pk for row in rows if row.pk is not None}
        if len(ids) != len(rows):
            ids = dict(SearchEntry.objects.filter(key__in=list(fields)).values_list("key", "pk"))
        wanted = {(ids[entry.key], name, value[:80]) for entry in entries for name, value in entry.facet_rows()}
        existing = {}
        for pk, entry_id, name, value in SearchEntryFacet.objects.filter(entry_id__in=ids.values()).values_list(
                "pk", "entry_id", "name", "value"):
            existing[(entry_id, name, value)] = pk
        stale = [pk for row, pk in existing.items() if row not in wanted]
        if stale:
            SearchEntryFacet.objects.filter(pk__in=stale).delete()
        insert_facets(sorted(wanted - existing.keys()))
        update_vectors(list(ids.values()))
        suggestions.remember(text for entry in entries for text in (
            entry.all_titles, *(text.get("summary", "") for text in entry.texts.values())))
    return documents


def update_vectors(ids):
    """PostgreSQL: rebuild the tsvector of these rows from their match keys (title A, sectors B, text C).

    The keys are already lemmatised and folded in Python: the 'simple' configuration only splits them."""
    if connection.vendor != "postgresql" or not ids:
        return
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET vector = setweight(to_tsvector('simple', title_keys), 'A')"
            f" || setweight(to_tsvector('simple', tag_keys), 'B') || setweight(to_tsvector('simple', keys), 'C')"
            f" WHERE id = ANY(%s)", [ids])


def insert_facets(rows):
    """Insert (entry_id, name, value) facet rows.

    On PostgreSQL through COPY: a rebuild into an empty copy writes ~10 rows per entry, and
    building a model instance and an INSERT parameter for each cost more than the entries
    themselves (cProfile of bench.search --rebuild-only).
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        SearchEntryFacet.objects.bulk_create(SearchEntryFacet(entry_id=e, name=n, value=v) for e, n, v in rows)
        return
    table = SearchEntryFacet._meta.db_table
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} (entry_id, name, value) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


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
    client.indices.create(index=name, body=index_body())
    client.indices.put_alias(index=name, name=alias_name())


def drop_indexes(client):
    """Delete every index of this prefix's alias (by name: the cluster refuses wildcard deletes)."""
    names = list(client.indices.get(index=f"{alias_name()}*", ignore_unavailable=True, allow_no_indices=True))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


def new_index_name():
    return f"{alias_name()}_{time.strftime('%Y%m%d%H%M%S')}_{time.monotonic_ns() % 1_000_000:06d}"


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


class BulkWriter:
    """Sends documents to one index from a background thread while the caller reads the database.

    The database work stays in the caller's thread (its connection and transaction); this
    thread only talks to Elasticsearch, with two bulk requests in flight (`parallel_bulk`).
    """

    def __init__(self, client, index, chunk_size=500, threads=2):
        self.client, self.index, self.chunk_size, self.threads = client, index, chunk_size, threads
        self.queue = queue.Queue(maxsize=4)  # bounded: memory stays flat whatever the corpus size
        self.error = None
        self.sent = 0
        self.thread = threading.Thread(target=self._run, name="search-bulk", daemon=True)
        self.thread.start()

    def put(self, documents):
        """Queue {key: document} for indexing (raises the writer's error, if it failed)."""
        if self.error is not None:
            raise self.error
        if documents:
            self.queue.put(documents)

    def close(self):
        """Wait until everything queued is indexed; raise if Elasticsearch refused anything."""
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error

    def _actions(self):
        while (documents := self.queue.get()) is not None:
            for key, document in documents.items():
                yield {"_id": key, "_source": document}

    def _run(self):
        try:
            for _ok, _info in helpers.parallel_bulk(self.client, self._actions(), index=self.index,
                                                   thread_count=self.threads, chunk_size=self.chunk_size):
                self.sent += 1
        except Exception as exc:  # BulkIndexError, transport errors: reported by put()/close()
            self.error = exc
            while self.queue.get() is not None:  # let the producer finish rather than block
                pass


def rebuild(progress=None, use_elasticsearch=True):
    """Reindex all content into a new index, swap the alias to it, drop the old index.

    Searches keep reading the old index until the swap. Items changed while the rebuild
    ran are pushed again after the swap. Without Elasticsearch (or `use_elasticsearch`
    False) only the database copy is rebuilt, left unsynced for `push_pending`. Returns
    (new index name or None, number of entries).

    Throughput: adapters build a whole chunk at once (`Adapter.entries`), the database copy
    is written in bulk with facet rows diffed, and Elasticsearch indexes in a background
    thread (`BulkWriter`) while the next chunk is read.
    """
    client = get_client() if use_elasticsearch else None
    es = client.options(request_timeout=BULK_TIMEOUT) if client is not None else None
    started = timezone.now()
    name = writer = None
    if es is not None:
        name = new_index_name()
        body = index_body()
        body["settings"]["refresh_interval"] = "-1"  # no refreshes while bulk loading
        es.indices.create(index=name, body=body)
        writer = BulkWriter(es, name)
    written = {}  # key → when this rebuild wrote its row
    try:
        for adapter in adapters().values():
            for entries, candidates in iter_chunks(adapter):
                documents = store(entries, synced=es is not None)
                now = timezone.now()
                written.update((key, now) for key in documents)
                if writer is not None:
                    writer.put(documents)
                if progress:
                    progress(candidates)
    finally:
        if writer is not None:
            writer.close()
    # Rows of items that vanished or stopped being searchable: every row this rebuild wrote is newer.
    SearchEntry.objects.filter(updated_at__lt=started).delete()
    if es is not None:
        es.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
        es.indices.refresh(index=name)
        swap_alias(es, name)
        # Live updates that landed after the rebuild wrote their row went to the old index:
        # push them again, to the new one.
        changed = [
            key for key, updated in SearchEntry.objects.filter(updated_at__gte=started).values_list("key", "updated_at")
            if updated > written.get(key, started)
        ]
        if changed:
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
