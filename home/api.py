"""Shared pieces of the open data API."""


def only_public_api(endpoints, **kwargs):
    """drf-spectacular hook: describe only our /api/v1/ endpoints, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
