"""The search service for listings' own search boxes (directory, library, needs and offers, …).

A listing keeps its filters, facets and visibility, and asks the search service which of
its items match the reader's words and in which order, so every box gets the same
inflection, folding, transliteration and typo tolerance as the site search.
"""

from django.utils.translation import get_language

from core.request_memo import request_memo

from .audience import reader_tokens
from .engines import SearchRequest, ranked_ids
from .service import reader_restrictions
from .text import clean_query

MAX_MATCHES = 1000


def ranked_pks(model, kind, text, locale_id=None, limit=MAX_MATCHES, reader=None, within=()):
    """Primary keys of `model` rows whose item (of search type `kind`, or of any of a tuple of
    types sharing `model`'s primary keys, e.g. pages) matches `text`, best first.

    Every row of a matching item counts (a page and its translations: the rows in `locale_id`
    when given). The listing's own queryset decides what the reader sees; `reader` (the HTTP
    request) also keeps what its reader may not open (audience tokens, hidden tree paths) out of
    the `limit` best, so it cannot crowd out what they may; `within` (tree paths) keeps only the
    items with a page under one of them (a working group's space), so other groups' cannot either."""
    text = clean_query(text)
    if not text:
        return []
    kinds = [kind] if isinstance(kind, str) else sorted(kind)
    tokens, hidden = None, ()
    if reader is not None:
        tokens = reader_tokens(reader.user)
        hidden = reader_restrictions(reader, tokens)
        tokens = None if tokens is None else frozenset(tokens)

    def compute():
        request = SearchRequest(text=text, filters={"kind": kinds}, language=(get_language() or "pl")[:2],
                                audience=tokens, page_size=limit, hidden=hidden, within=tuple(within))
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

    return request_memo(("search.ranked_pks", model._meta.label, tuple(kinds), text, locale_id, limit, tokens,
                         hidden, tuple(within)), compute)


def rank_order(pks, field="pk"):
    """An expression giving each row its position in `pks` (from `ranked_pks`), for order_by."""
    from django.db.models import Case, IntegerField, Value, When

    return Case(*[When(**{field: pk}, then=Value(rank)) for rank, pk in enumerate(pks)], default=Value(len(pks)),
                output_field=IntegerField())


def matching(queryset, kind, text, locale_id=None, reader=None, field="pk", within=()):
    """`queryset` narrowed to the rows whose item matches `text`, best first (`ranked_pks`'s order,
    then `field`): a listing's keyword box in one call. `queryset` keeps its own access rules."""
    pks = ranked_pks(queryset.model, kind, text, locale_id=locale_id, reader=reader, within=within)
    return queryset.filter(**{f"{field}__in": pks}).annotate(search_rank=rank_order(pks, field)).order_by(
        "search_rank", field)
