"""State of the services the site depends on, for /healthz and operators."""

import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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


# search (above home) hands over its engine's state when it starts (SearchConfig.ready).
_search_state = None


def report_search_state_with(state):
    """Take search's `state() -> "ok" | "fallback" | "down: …"` for /healthz."""
    global _search_state
    _search_state = state


def search_state():
    """Return "ok", "fallback" (no engine configured) or "down: …" for the search engine."""
    return _search_state() if _search_state is not None else "fallback"


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


def cache_state():
    """Return "ok" when the cache keeps a probe value, "down: …" when it does not.

    The shared cache fails open (home.cache): a stopped Redis raises nothing, it only forgets,
    so the probe is a value written and read back.
    """
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", 10)
        kept = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # a backend without IGNORE_EXCEPTIONS
        return f"down: {exc.__class__.__name__}"
    return "ok" if kept == "ok" else "down: unreachable (pages are computed without it)"


def storage_state():
    """Return "ok" when the media storage (local folder or S3 bucket) takes, returns and deletes a file.

    A small probe file under healthz/ is written, read back and removed: uploads need all three,
    and a read-only or full volume, a missing bucket or refused credentials fail one of them.
    """
    name = None
    try:
        name = default_storage.save(f"healthz/probe-{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        with default_storage.open(name) as probe:
            if probe.read() != b"ok":
                return "down: the probe file came back different"
    except Exception as exc:  # OSError, botocore's ClientError…: the storage is unusable
        return f"down: {exc.__class__.__name__}"
    finally:
        if name is not None:
            try:
                default_storage.delete(name)
            except Exception:  # reported by the next check's write if the storage broke meanwhile
                pass
    return "ok"
