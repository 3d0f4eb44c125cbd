"""The shared cache (Redis through django-redis) failing open: unreachable, it acts as an empty cache.

Production settings give django-redis IGNORE_EXCEPTIONS and short socket timeouts
(cms/settings/base.py), so a stopped or hung Redis costs a request at most a fraction of a
second per cache call instead of a 500: reads miss, writes are dropped, values are computed
again from the database. Nothing the site cannot lose lives only in the cache (sessions are
in the database, read-model versions are bumped again once Redis answers: home.versions).
"""

from django_redis.cache import RedisCache


class FailOpenRedisCache(RedisCache):
    """django-redis whose `add` answers like Django's DummyCache while Redis is unreachable.

    With IGNORE_EXCEPTIONS every call returns None on a connection error. For `add` None reads
    as "the key is taken": allauth's rate-limit lock would wait a second and then refuse the
    sign-in, django-ratelimit would count the request as over its limit, so every login and
    public form would fail while Redis is down. An empty cache takes every `add` (DummyCache
    answers True too), which lets those requests through with their limits lapsed.
    """

    def add(self, *args, **kwargs):
        added = super().add(*args, **kwargs)
        return True if added is None else added

