"""Digests' saved searches matched by the search engine (DIGESTS_SAVED_SEARCH_MATCHER).

search and digests sit side by side in the layers and import neither the other
(docs/architecture.md); this bridge is the project's wiring of the two, so it lives in cms.

A saved search is the query string of a search-page URL (q and facet filters). Matching it
through the search service gives digests what the search page gives readers: Polish and
Ukrainian inflection, missing diacritics, Cyrillic/Latin names, the words of attached files,
the same filters. Elasticsearch answers when it is up; otherwise the database copy does
(same entries and facets), so a digest run never fails because Elasticsearch is down.

Digest items are keyed "<app_label.model>:<translation_key>"; each maps to the search
entries of that model's adapters (one per page translation, one per need or offer).
Items of a model no adapter indexes are matched by digests' own text matcher.
"""

from collections import defaultdict

from django.apps import apps
from django.http import QueryDict

from digests.matching import text_matcher
from search.engines import SearchRequest, matching_keys
from search.registry import adapters
from search.service import filters_from_params
from search.text import clean_query


def saved_request(saved_search):
    """The SearchRequest of a stored saved search (audience: none; digests filter per reader)."""
    params = QueryDict(saved_search or "")
    return SearchRequest(text=clean_query(params.get("q", "")), filters=filters_from_params(params), audience=None)


def _kinds_by_model():
    kinds = defaultdict(list)
    for kind, adapter in adapters().items():
        kinds[adapter.get_model()].append(kind)
    return kinds


def match_saved_search(items, saved_search):
    """The keys of `items` (DigestItems) that the saved search finds (digests' matcher signature)."""
    request = saved_request(saved_search)
    if not request.text:
        return set()
    kinds = _kinds_by_model()
    by_label = defaultdict(dict)  # model label → {translation key: item key}
    unindexed = []
    for item in items:
        label, _sep, translation_key = item.key.partition(":")
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            model = None
        if model is None or model not in kinds:
            unindexed.append(item)
        else:
            by_label[model][translation_key] = item.key
    entry_items = {}  # search entry key → item key
    for model, translation_keys in by_label.items():
        rows = model._base_manager.filter(translation_key__in=list(translation_keys)).values_list(
            "pk", "translation_key")
        for pk, translation_key in rows:
            for kind in kinds[model]:
                entry_items[f"{kind}:{pk}"] = translation_keys[str(translation_key)]
    found = {entry_items[key] for key in matching_keys(request, entry_items)}
    if unindexed:
        found |= text_matcher(unindexed, saved_search)
    return found
