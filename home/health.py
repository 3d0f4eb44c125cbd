"""State of the services the site depends on, for /healthz and operators."""

from django.db import connections


def database_state():
    """Return "ok" when the default database answers a trivial query."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means the database is unusable
        return f"down: {exc.__class__.__name__}"
    return "ok"


def search_state():
    """Return "ok", "fallback" (no engine configured) or "down: …" for the search engine."""
    from search.client import search_engine_state

    return search_engine_state()


def queue_state():
    """Return the task queue's backlog and whether a worker cluster reported recently."""
    try:
        from django_q.brokers import get_broker
        from django_q.status import Stat

        broker = get_broker()
        return {
            "state": "ok",
            "queued": broker.queue_size(),
            "workers": len(Stat.get_all(broker=broker)),
        }
    except Exception as exc:  # the broker's store may be the database that is down
        return {"state": f"down: {exc.__class__.__name__}"}
