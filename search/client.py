"""The Elasticsearch connection, shared by indexing, querying and health checks."""

from functools import lru_cache

from django.conf import settings


def get_client():
    """Return the Elasticsearch client for ELASTICSEARCH_URL, or None for the database fallback."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT, settings.ELASTICSEARCH_MAX_RETRIES)


@lru_cache(maxsize=4)
def _client(url, timeout, max_retries=1):
    """One client per (URL, timeout, retries), so tests and settings overrides get their own.

    max_retries: how many other nodes of a multi-node URL are tried after a failed request."""
    from elasticsearch import Elasticsearch

    hosts = [host.strip() for host in url.split(",") if host.strip()]
    return Elasticsearch(hosts, request_timeout=timeout, max_retries=max_retries, retry_on_timeout=False)


def search_engine_state():
    """Return "ok", "fallback" when no engine is configured, or "down: …"."""
    client = get_client()
    if client is None:
        return "fallback"
    try:
        client.cluster.health(timeout="1s")
    except Exception as exc:  # connection refused, timeout, auth: all mean "not usable now"
        return f"down: {exc.__class__.__name__}"
    return "ok"


get_client.cache_clear = _client.cache_clear  # tests that change ELASTICSEARCH_URL call this
