"""Per-client search rates, one counter for the API and the search page.

Every search costs Elasticsearch work, so each client (signed-in user, else IP address) may run
`DEFAULT_RATES` searches a minute (`settings.SEARCH_API_RATES` overrides them). The API applies the
throttles through DRF (`throttle_classes`); the HTML page asks `seconds_to_wait` before searching.
Both count in the same cache entries, so a client cannot double its budget by switching between them.

The rate is DRF's: the client's requests of the last `duration` seconds (a sliding log). DRF keeps
that log as a list read and written back (two cache round trips on every search, and two clients'
concurrent writes can lose one of them); on Redis it is a sorted set updated in ONE round trip
(MULTI/EXEC: drop the old entries, add this one, count them), the same rule with nothing lost.
"""

import math
import secrets

from django.conf import settings
from django.core.cache import caches
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_ip

DEFAULT_RATES = {"search": "60/min", "autocomplete": "300/min"}


class SearchRateThrottle(SimpleRateThrottle):
    """Per-client rate of one search endpoint: each request costs Elasticsearch work."""

    scope = "search"

    def get_rate(self):
        return getattr(settings, "SEARCH_API_RATES", {}).get(self.scope, DEFAULT_RATES[self.scope])

    def get_ident(self, request):
        """The client's address by the project's one rule (core.client_ip), never a forged X-Forwarded-For."""
        return client_ip(request)

    def get_cache_key(self, request, view):
        ident = f"user-{request.user.pk}" if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def allow_request(self, request, view):
        """DRF's rule; on Redis in one round trip (see the module's docstring)."""
        redis = _redis_of(caches["default"])
        if redis is None or self.rate is None:
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        log = _log_key(self.key)
        entry = f"{self.now!r}:{secrets.token_hex(4)}"  # unique even for two requests of the same instant
        try:
            pipeline = redis.pipeline(transaction=True)
            pipeline.zremrangebyscore(log, "-inf", self.now - self.duration)
            pipeline.zadd(log, {entry: self.now})
            pipeline.zcard(log)
            pipeline.zrange(log, 0, 0, withscores=True)
            pipeline.expire(log, math.ceil(self.duration))
            _dropped, _added, count, oldest, _expires = pipeline.execute()
        except (RedisError, ConnectionInterrupted):  # unreachable: the limits lapse, as with the fail-open cache
            _redis_failed()
            return True
        if count - 1 < self.num_requests:  # the requests before this one, as DRF counts them
            return True
        self.oldest = oldest[0][1]
        try:
            redis.zrem(log, entry)  # a refused request does not count (as in DRF)
        except (RedisError, ConnectionInterrupted):
            _redis_failed()
        return False

    def wait(self):
        """Seconds until the oldest request counted leaves the window (DRF's, from the sorted set)."""
        if getattr(self, "oldest", None) is None:
            return super().wait()
        return max(0.0, self.duration - (self.now - self.oldest))


class AutocompleteRateThrottle(SearchRateThrottle):
    scope = "autocomplete"  # one request per pause in typing: a higher rate


def _redis_of(backend):
    """The redis-py client of a django-redis cache backend, else None (local memory: DRF's own way)."""
    if not isinstance(backend, RedisCache):
        return None
    try:
        return backend.client.get_client(write=True)
    except (RedisError, ConnectionInterrupted):  # left alone after a failure (home.cache), or unreachable
        return None


def _log_key(key):
    """The sorted set of `key` under the cache's prefix and version (beside the cache's own keys)."""
    return caches["default"].make_key(f"{key}:log")


def _redis_failed():
    """Tell the fail-open cache (home.cache) that Redis did not answer, so it is left alone a while."""
    failed = getattr(caches["default"], "failed", None)
    if failed is not None:
        failed()


def seconds_to_wait(request, throttle_class=SearchRateThrottle):
    """Count this request against the client's rate (a plain Django request is enough).

    Returns None when it is within the rate, else the whole seconds until the next one is allowed
    (at least 1, the value for Retry-After).
    """
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
