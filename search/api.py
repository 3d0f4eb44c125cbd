"""GET /api/v1/search and /api/v1/search/autocomplete: the search as open data."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import querylog
from .audience import reader_tokens
from .engines import autocomplete, search
from .limits import AutocompleteRateThrottle, SearchRateThrottle
from .service import reader_language, reader_restrictions, request_from_get
from .text import clean_query


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="Content type: news, page, organisation, resource, …")
    id = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML-escaped excerpt; matches wrapped in <mark>.")
    language = serializers.CharField(help_text="Language of the title, snippet and URL shown: the reader's "
                                               "(hl) when the item is translated into it, else the original's.")
    languages = serializers.ListField(child=serializers.CharField(), help_text="Every language the item exists in.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True),
                                   help_text="Facet name → values with counts (type, sector, voivodeship, "
                                             "target_group, language, topic, year).")


class AutocompleteItemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField()


class AutocompleteResponseSerializer(serializers.Serializer):
    results = AutocompleteItemSerializer(many=True)


FACET_NAMES = {"kind": "type", "language": "language"}
HL = OpenApiParameter("hl", str, enum=["pl", "uk", "en"],
                      description="The reader's language: each hit's title, snippet and URL are of this translation "
                                  "when it exists. Default: from Accept-Language. (`lang` filters by content language.)")

_filter = [
    OpenApiParameter(name, str, many=True, description=description)
    for name, description in (
        ("type", "Content type codes"), ("sector", "Sector codes"), ("voivodeship", "Voivodeship codes"),
        ("target_group", "Target group codes"), ("lang", "Content language (pl, uk, en)"),
        ("topic", "Library topic codes"), ("year", "Years"),
    )
]


# Both endpoints are throttled per client (search.limits): the schema says so, with Retry-After.
THROTTLED = {429: OpenApiResponse(
    inline_serializer("Throttled", {"detail": serializers.CharField()}),
    description="Too many requests from this client (signed-in user, else IP address): retry after "
                "the number of seconds in Retry-After.",
)}
RETRY_AFTER = OpenApiParameter("Retry-After", int, OpenApiParameter.HEADER, response=[429], required=True,
                               description="Seconds until the client may send the next request.")


class SearchAPIView(APIView):
    """Full-text search of everything the caller may read, with facet counts (throttled per client:
    HTTP 429 with Retry-After when exceeded)."""

    throttle_classes = [SearchRateThrottle]

    @extend_schema(
        operation_id="search",
        parameters=[OpenApiParameter("q", str, description="Query text (at most 200 characters)"), HL, *_filter,
                    OpenApiParameter("page", int, description="Page number (20 results a page)"), RETRY_AFTER],
        responses={200: SearchResponseSerializer, **THROTTLED},
    )
    def get(self, request):
        search_request = request_from_get(request, prefixed=False)
        results = search(search_request) if (search_request.text or search_request.filters) else None
        if results is None:
            return Response({"count": 0, "results": [], "facets": {}})
        if search_request.text and search_request.page == 1:
            querylog.record(search_request.text, search_request.language, results.count)
        data = {
            "count": results.count,
            "results": [{"type": h.kind, "id": h.object_id, "title": h.title, "url": h.url,
                         "snippet": str(h.snippet), "language": h.language, "languages": list(h.languages)}
                        for h in results.hits],
            "facets": {FACET_NAMES.get(name, name): [{"value": v, "count": c} for v, c in buckets]
                       for name, buckets in results.facets.items()},
        }
        headers = {"X-Search-Engine": results.engine + (" (fallback)" if results.notice else "")}
        return Response(data, headers=headers)


class AutocompleteAPIView(APIView):
    """Titles starting with the typed words (throttled per client)."""

    throttle_classes = [AutocompleteRateThrottle]

    @extend_schema(operation_id="search_autocomplete",
                   parameters=[OpenApiParameter("q", str, description="Typed text"), HL, RETRY_AFTER],
                   responses={200: AutocompleteResponseSerializer, **THROTTLED})
    def get(self, request):
        text = clean_query(request.GET.get("q", ""))[:100]
        language = reader_language(request, prefixed=False)
        audience = reader_tokens(request.user)
        items = autocomplete(text, audience, language, hidden=reader_restrictions(request, audience)) if text else []
        return Response({"results": items})
