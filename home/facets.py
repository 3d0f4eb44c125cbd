"""Faceted listings: filters on vocabularies and choices read from the query string, disjunctive facet
counts and pagination, in bounded SQL. The directory's organisations and its needs and offers and the
innovations catalogue are listed with them; each listing declares its `Facet`s and its text query.

Facets are "disjunctive": a facet's counts apply every other filter, not its own. Counts come from a
table of every row's terms read in ONE query and kept until the data changes (home.facet_table).
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Q

from .bits import any_of, mask_of
from .facet_table import FacetTable, facet_table


@dataclass(frozen=True)
class Facet:
    """A filter on one vocabulary: its URL parameter, label, codes, and how the model stores it.

    `how` is "mask" (a bit-mask column `field` of the `vocabulary`, see home.bits),
    "fk" (a ForeignKey to a term) or "column" (a plain choice column); `model`: the rows it filters.
    """

    param: str
    label: str
    choices: list
    field: str
    how: str = "mask"
    model: type = None
    vocabulary: type = None


def read_filters(params, facets):
    """The valid selected codes of every facet in a QueryDict (unknown codes are ignored)."""
    selected = {}
    for facet in facets:
        valid = {code for code, _label in facet.choices}
        codes = [code for code in params.getlist(facet.param) if code in valid]
        if codes:
            selected[facet.param] = list(dict.fromkeys(codes))
    return selected


def facet_q(facet, codes):
    """Q selecting the rows that have one of `codes` in `facet`."""
    if facet.how == "mask":
        return any_of(facet.field, mask_of(facet.vocabulary, codes))
    if facet.how == "fk":
        return Q(**{f"{facet.field}__code__in": codes})
    return Q(**{f"{facet.field}__in": codes})


def filtered(base, query, selected, skip=None, *, facets, text):
    """`base` narrowed by the text query (`text(query)`: a Q) and every selected facet except `skip`."""
    by_param = {facet.param: facet for facet in facets}
    queryset = base
    if query:
        queryset = queryset.filter(text(query))
    for param, codes in selected.items():
        if param != skip:
            queryset = queryset.filter(facet_q(by_param[param], codes))
    return queryset


def count_all(base, query, selected, *, facets, text, version=None, path_field=None, hidden=()):
    """(total, {facet param: {code: count}}) of the rows of `base` under the text query and filters,
    without the rows whose tree path (`path_field`) lies under one of the `hidden` paths.

    The counts come from the FacetTable of `base` (home.facet_table): one query builds it, kept
    per data `version` (every version when None is given) and the same for every reader;
    `hidden` is applied to it in memory; a text query adds one query.
    """
    def build():
        return FacetTable(base, facets, path_field)

    key = (base.model._meta.label, tuple(facet.param for facet in facets), path_field)
    table = build() if version is None else facet_table(key, version, build)
    text_pks = set(base.filter(text(query)).values_list("pk", flat=True)) if query else None
    return table.count(selected, text_pks, hidden)


def facet_groups(selected, counts, facets):
    """Every facet with its values, counts and selection state."""
    groups = []
    for facet in facets:
        facet_counts = counts.get(facet.param, {})
        chosen = set(selected.get(facet.param, []))
        values = [
            {"code": code, "label": label, "count": facet_counts.get(code, 0), "selected": code in chosen}
            for code, label in facet.choices
            if facet_counts.get(code) or code in chosen
        ]
        groups.append({"param": facet.param, "label": facet.label, "values": values})
    return groups


def paginate(results, total, params, per_page):
    """A page of `results`, reusing the `total` counted with the facets (no COUNT query)."""
    paginator = Paginator(results, per_page)
    paginator.count = total
    return paginator.get_page(params.get("page"))
