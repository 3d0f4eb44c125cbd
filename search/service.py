"""What the page and the API share: reading a search from GET parameters and labelling facets."""

import re
from functools import lru_cache
from types import MappingProxyType

from django.conf import settings
from django.utils.translation import get_language, get_language_from_request
from django.utils.translation import gettext_lazy as _

from core.access import reader_hidden_paths
from home.labels import language_name
from home.models import Language, Sector, TargetGroup, Voivodeship

from .audience import reader_tokens
from .engines import MAX_PAGE, SearchRequest
from .registry import adapters, topic_labels
from .text import clean_query

# GET parameter → facet name; the API's parameters are the names.
PARAMETERS = {"type": "kind", "sector": "sector", "voivodeship": "voivodeship", "target_group": "target_group",
              "lang": "language", "topic": "topic", "year": "year"}
FACET_TITLES = {
    "kind": _("Type"), "sector": _("Sector"), "voivodeship": _("Voivodeship"), "target_group": _("Target group"),
    "language": _("Language"), "topic": _("Topic"), "year": _("Year"),
}
_CODE = re.compile(r"^[\w-]{1,40}$")


def filters_from_params(params):
    """{facet: [codes]} from a QueryDict of search parameters; malformed codes are ignored."""
    filters = {}
    for param, name in PARAMETERS.items():
        values = [v for v in params.getlist(param)[:20] if _CODE.match(v)]
        if name == "year":  # an integer field: Elasticsearch rejects any other term (400, then the fallback)
            values = [v for v in values if v.isascii() and v.isdigit() and len(v) <= 4]
        if values:
            filters[name] = values
    return filters


def reader_language(request, prefixed=True):
    """The reader's language: `hl` when given (pl, uk, en), else the URL prefix (pages) or
    Accept-Language (the API, `prefixed` False), else the default language."""
    codes = {code for code, _name in settings.LANGUAGES}
    hl = request.GET.get("hl", "")[:2]
    if hl in codes:
        return hl
    language = (get_language() if prefixed else get_language_from_request(request)) or settings.LANGUAGE_CODE
    return language[:2] if language[:2] in codes else settings.LANGUAGE_CODE


def request_from_get(request, page_size=20, prefixed=True):
    """A SearchRequest from the query string; unknown or malformed values are ignored.

    `lang` filters by the content's language; the reader's language (`reader_language`)
    chooses which translation of each hit is shown."""
    params = request.GET
    filters = filters_from_params(params)
    try:
        page = min(max(int(params.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    audience = reader_tokens(request.user)
    return SearchRequest(
        text=clean_query(params.get("q", "")),
        filters=filters,
        language=reader_language(request, prefixed),
        audience=audience,
        page=page,
        page_size=page_size,
        hidden=reader_restrictions(request, audience),
    )


def reader_restrictions(request, audience):
    """The tree paths hidden from the reader by the view restrictions read with this request (none for a
    coordinator, whose `audience` is None: they may open everything), for SearchRequest.hidden."""
    return () if audience is None else reader_hidden_paths(request)


def facet_labels(name):
    """{code: label} of a facet in the active language."""
    if name == "topic":
        return topic_labels()  # editors' vocabulary: the library keeps it per version
    return MappingProxyType(_code_labels(name, get_language()))  # shared by every request: read-only


@lru_cache(maxsize=64)
def _code_labels(name, language):
    """The labels of a facet whose values and labels are in the code (content types, taxonomy terms,
    languages) in `language` (the active one): the same for the process's whole life, so translated
    once, not on every results page (a hundred lazy translations)."""
    if name == "kind":
        return {kind: str(adapter.label) for kind, adapter in adapters().items()}
    if name == "sector":
        return {k: str(v) for k, v in Sector.labels().items()}
    if name == "target_group":
        return {k: str(v) for k, v in TargetGroup.labels().items()}
    if name == "voivodeship":
        return {k: str(v) for k, v in Voivodeship.labels().items()}
    if name == "language":
        return {code: language_name(code) for code, _label in Language.CHOICES}
    return {}


def labelled_facets(results, request):
    """Facets for templates: [{"name", "param", "title", "options": [{"value","label","count","selected"}]}]."""
    names = {v: k for k, v in PARAMETERS.items()}
    out = []
    for name, buckets in results.facets.items():
        if not buckets:
            continue
        labels = facet_labels(name)
        selected = set(request.filters.get(name, ()))
        out.append({
            "name": name, "param": names[name], "title": FACET_TITLES[name],
            "options": [{"value": value, "label": labels.get(value, value), "count": count,
                         "selected": value in selected} for value, count in buckets],
        })
    return out
