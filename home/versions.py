"""Versions of cached read models: counters in the shared cache, bumped when a change commits.

A value computed from some data is cached under a key that carries the data's version
(`current(name)`); whoever writes the data calls `bump(name)`. A version made from the rows
themselves (their count and latest `updated_at`) misses a slower concurrent transaction that
commits after a newer one with an older timestamp, and keeps the stale answer for the
cache's whole timeout; a counter bumped by every commit cannot.

`bump` increments at once (the writing request, and tests inside one transaction, see the
change) and again when the transaction commits: a request that read the old rows in between
may have cached them under the first new number, and the second one drops them.

Counters start from the clock in nanoseconds, never from 0: a counter lost with a restarted
Redis (or evicted) starts above every number it had, so no value cached before is found again.
The shared cache fails open (home.cache): a bump that cannot reach Redis is kept by the
process and made again at its next look at a version, so values cached before an outage are
not served once Redis answers again.
"""

import functools
import threading
import time

from django.core.cache import cache
from django.db import models, transaction

from core.request_memo import remember, request_memo

_pending = set()  # names whose bump did not reach the cache (this process)
_lock = threading.Lock()


def _key(name):
    return f"version:{name}"


def _increment(name):
    """Increment the counter `name`; remember it when the cache is unreachable."""
    try:
        value = cache.incr(_key(name))
    except ValueError:  # not in the cache (first use, evicted, Redis restarted empty)
        cache.set(_key(name), time.time_ns(), None)
        value = cache.get(_key(name))
    with _lock:
        if value is None:  # Redis unreachable: django-redis ignored the error
            _pending.add(name)
        else:
            _pending.discard(name)


def _retry_pending():
    with _lock:
        names = list(_pending)
    for name in names:
        _increment(name)


def current(*names):
    """The current versions of `names`, as a tuple (a name never used yet gets its first one)."""
    if _pending:
        _retry_pending()
    keys = [_key(name) for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found.update(cache.get_many(missing))
    # 0 only while the cache is unreachable, when nothing can be cached under it anyway.
    return tuple(found.get(key, 0) for key in keys)


# Names asked through `request_current` in this process (a dict as an ordered set): the first of them
# a request asks for fetches all of them in one round trip (a page asks for several: the frame's,
# the synonyms', the library topics').
_asked = {}
# {name: (version, value)} of `per_process`: one value per name, the latest version's.
_kept = {}


def _memo_key(name):
    return ("home.versions", name)


def request_current(name):
    """`current(name)` read once per request (core.request_memo): the first version a request asks for
    is read together with every other version asked in this process so far (one MGET), so the later
    ones cost no round trip. Outside a request it is read each time."""
    _asked.setdefault(name, None)

    def compute():
        names = [name, *(other for other in _asked if other != name)]
        values = current(*names)
        for other, value in zip(names[1:], values[1:]):
            remember(_memo_key(other), value)
        return values[0]

    return request_memo(_memo_key(name), compute)


def per_process(name, compute):
    """`compute()`'s value kept in this process while the version `name` stays the same (read once per
    request, `request_current`): for small values that every request needs and that change only
    when their version is bumped (synonym groups, topic names). The version is read on every
    request, so a bump counts from the next request of every process; with the cache unreachable
    (version 0) nothing is kept. Never for a value that decides who may read what."""
    version = request_current(name)
    if not version:
        return compute()
    kept = _kept.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = compute()
    _kept[name] = (version, value)  # one assignment: threads of a process read either pair whole
    return value


def bump(*names):
    """Make the cached values of `names` stale now and again when the current transaction commits.

    Inside a transaction, one commit callback per name, however many writes bump it (an
    import saves thousands of rows in one transaction).
    """
    for name in names:
        _increment(name)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    waiting = {getattr(func, "version_name", None) for _sids, func, _robust in connection.run_on_commit}
    for name in names:
        if name not in waiting:
            callback = functools.partial(_increment, name)
            callback.version_name = name
            transaction.on_commit(callback)


class VersionedQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes bump the read-model version named by the model's READ_MODEL_VERSION.

    `update()`, `delete()`, `bulk_create()` and `bulk_update()` send no model signals, so a
    version kept by signals would miss them; the model's own save() and delete() bump it too
    (see `VersionedModelMixin`).
    """

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        bump(self.model.READ_MODEL_VERSION)
        return rows

    def delete(self):
        result = super().delete()
        bump(self.model.READ_MODEL_VERSION)
        return result

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        bump(self.model.READ_MODEL_VERSION)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        rows = super().bulk_update(objs, *args, **kwargs)
        bump(self.model.READ_MODEL_VERSION)
        return rows


class VersionedModelMixin:
    """Bumps the model's READ_MODEL_VERSION on save() and delete() (pair it with a VersionedQuerySet)."""

    READ_MODEL_VERSION = ""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        bump(self.READ_MODEL_VERSION)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump(self.READ_MODEL_VERSION)
        return result
