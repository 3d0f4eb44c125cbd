"""The Elasticsearch connection, shared by indexing, querying and health checks."""

from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=1)
def get_client():
    """Return the Elasticsearch client for ELASTICSEARCH_URL, or None for the database fallback."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from elasticsearch import Elasticsearch

    hosts = [url.strip() for url in settings.ELASTICSEARCH_URL.split(",") if url.strip()]
    return Elasticsearch(
        hosts,
        request_timeout=settings.ELASTICSEARCH_TIMEOUT,
        max_retries=1,
        retry_on_timeout=False,
    )


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
