"""The shared cache (Redis through django-redis) failing open: unreachable, it acts as an empty cache.

Production settings give django-redis IGNORE_EXCEPTIONS and short socket timeouts
(REDIS_CACHE_OPTIONS in cms/settings/base.py), so a stopped or hung Redis never turns a page
into a 500: reads miss, writes are dropped, values are computed again from the database.
Nothing the site cannot lose lives only in the cache (sessions are in the database,
read-model versions are bumped again once Redis answers: home.versions).
"""

import logging
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)


class FailOpenRedisCache(RedisCache):
    """django-redis that, once Redis failed to answer, leaves it alone for RETRY_AFTER seconds.

    A page makes a few dozen cache calls; with a hung Redis each would wait for the socket
    timeout, so a page would take seconds. After one failure this process answers every call
    as an empty cache would, and tries Redis again after OPTIONS["RETRY_AFTER"] (default 5) s.

    `add` answers like Django's DummyCache while Redis is unreachable: with IGNORE_EXCEPTIONS it
    returns None, which reads as "the key is taken", so allauth's rate-limit lock would wait a
    second and refuse the sign-in and django-ratelimit would count the request as over its limit.
    An empty cache takes every `add` (DummyCache answers True too): the limits lapse instead.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = options.pop("RETRY_AFTER", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self.down_until = 0.0

    @property
    def client(self):
        return _Guarded(super().client, self)

    def failed(self):
        """Redis did not answer: leave it alone for `retry_after` seconds (said once per outage)."""
        if time.monotonic() >= self.down_until:
            logger.warning("Redis at %s does not answer: pages are computed without the cache for %s s",
                           self._server, self.retry_after)
        self.down_until = time.monotonic() + self.retry_after

    def add(self, *args, **kwargs):
        added = super().add(*args, **kwargs)
        return True if added is None else added


class _Guarded:
    """The django-redis client of a FailOpenRedisCache: every call fails at once while Redis is left alone."""

    def __init__(self, client, cache):
        self._client, self._cache = client, cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute) or name == "close":  # closing runs after each request, never fails
            return attribute

        def guarded(*args, **kwargs):
            if time.monotonic() < self._cache.down_until:
                raise ConnectionInterrupted(connection=None)  # RedisCache answers it as a miss
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                self._cache.failed()
                raise

        return guarded
