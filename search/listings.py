"""The search service for listings' own search boxes (directory, library, needs and offers, …).

A listing keeps its filters, facets and visibility, and asks the search service which of
its items match the reader's words and in which order, so every box gets the same
inflection, folding, transliteration and typo tolerance as the site search.
"""

from django.utils.translation import get_language

from core.request_memo import request_memo

from .engines import SearchRequest, ranked_ids
from .text import clean_query

MAX_MATCHES = 1000


def ranked_pks(model, kind, text, locale_id=None, limit=MAX_MATCHES):
    """Primary keys of `model` rows whose item (of search type `kind`) matches `text`, best first.

    Every row of a matching item counts (a page and its translations: the rows in `locale_id`
    when given). No audience filter: the listing's own queryset decides what the reader sees."""
    text = clean_query(text)
    if not text:
        return []

    def compute():
        request = SearchRequest(text=text, filters={"kind": [kind]}, language=(get_language() or "pl")[:2],
                                audience=None, page_size=limit)
        ids = [int(pk) for pk in ranked_ids(request, limit) if str(pk).isdigit()]
        if not hasattr(model, "translation_key"):
            return ids
        keys = dict(model._base_manager.filter(pk__in=ids).values_list("pk", "translation_key"))
        position = {}
        for rank, pk in enumerate(ids):
            if pk in keys:
                position.setdefault(keys[pk], rank)
        rows = model._base_manager.filter(translation_key__in=list(position))
        if locale_id is not None:
            rows = rows.filter(locale_id=locale_id)
        return [pk for pk, key in sorted(rows.values_list("pk", "translation_key"), key=lambda row: position[row[1]])]

    return request_memo(("search.ranked_pks", model._meta.label, kind, text, locale_id, limit), compute)


def rank_order(pks, field="pk"):
    """An expression giving each row its position in `pks` (from `ranked_pks`), for order_by."""
    from django.db.models import Case, IntegerField, Value, When

    return Case(*[When(**{field: pk}, then=Value(rank)) for rank, pk in enumerate(pks)], default=Value(len(pks)),
                output_field=IntegerField())
