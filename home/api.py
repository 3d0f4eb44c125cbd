"""Shared pieces of the open data API."""


def only_public_api(endpoints, **kwargs):
    """drf-spectacular hook: describe only our /api/v1/ endpoints, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


NOT_FOUND = {"description": "Not found: no such published item, or a page number past the last page."}


def document_not_found(result, generator, request, public):
    """drf-spectacular hook: every GET of the API may answer 404 (an unknown id, a page past the end),
    as DRF's get_object and pagination do; say so in each operation that does not already."""
    for path in result.get("paths", {}).values():
        operation = path.get("get")
        if operation is not None:
            operation.setdefault("responses", {}).setdefault("404", NOT_FOUND)
    return result
