"""Read replica routing: anonymous page views read from the replica, all else from the primary.

Enabled only when DATABASE_REPLICA_URL is set (cms.settings.base). The rule is
deliberately narrow, so that nobody reads their own write from a lagging replica:

* only requests of anonymous visitors with a safe method (GET, HEAD) use it:
  the public listings and detail pages, the bulk of the traffic;
* a read inside a transaction on the primary stays on the primary;
* writes, migrations, the admin, signed-in members, management commands and the
  task workers always use the primary.

An anonymous visitor may see a page up to the replication lag (usually well under
a second) older than the primary; docs/operations.md describes the trade-off.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD"})

_reads_from_replica = ContextVar("reads_from_replica", default=False)


def reads_from_replica():
    """True inside `replica_reads()`: reads may go to the replica."""
    return _reads_from_replica.get()


@contextmanager
def replica_reads():
    """Within this block, reads outside transactions go to the replica."""
    token = _reads_from_replica.set(True)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


class ReplicaRouter:
    """Send reads to the replica only inside `replica_reads()` and outside transactions."""

    def db_for_read(self, model, **hints):
        if not reads_from_replica() or REPLICA_DB_ALIAS not in connections:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data: a physical replica of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema through replication.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Let anonymous GET/HEAD requests read from the replica (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.method in SAFE_METHODS and not (user is not None and user.is_authenticated):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
