"""The library listing: filters from the query string, facet counts and sorting, all in SQL.

Every facet is counted with one grouped query over the resources matched by the
*other* facets' filters (so a reader can widen a choice within a facet), which keeps
the number of queries fixed whatever the page size or the number of resources.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear, NullIf
from django.utils.translation import gettext_lazy as _

from home import versions
from home.models import RESOURCE_TYPES, Language, Sector, TargetGroup
from search.listings import ranked_pks
from search.text import clean_query

from .models import ResourcePage, TaggedResource, Topic

SORTS = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("title", _("Title A–Z")),
    ("relevance", _("Relevance")),
]
ORDERINGS = {
    "newest": ("-publication_date", "-pk"),
    "oldest": ("publication_date", "pk"),
    "title": ("title", "pk"),
}
# Full-text matches beyond this many are not ranked further (the search app's
# Elasticsearch listing is the place for deep result sets).
MAX_TEXT_MATCHES = 2000
TOPIC_FACET_SIZE = 25
FACET_CACHE_SECONDS = 24 * 3600
FACETS_VERSION = "library-facets"


def facets_version():
    """The current version of the library's facet counts (home.versions)."""
    return versions.current(FACETS_VERSION)[0]


def invalidate_facets(**kwargs):
    """Forget every cached facet count (a resource or topic changed): a new version, bumped again on commit."""
    versions.bump(FACETS_VERSION)


@dataclass
class Facet:
    """One facet: its query-string key, its label and how it filters and counts."""

    key: str
    label: str
    lookup: str  # the ORM lookup that filters resources by the selected codes
    options: list = field(default_factory=list)  # [{"value", "label", "count", "selected"}]
    selected: list = field(default_factory=list)


def _facet_definitions():
    return [
        Facet("type", _("Type"), "resource_type__in"),
        Facet("topic", _("Topic"), "tagged_items__tag__slug__in"),
        Facet("sector", _("Sector"), "sectors__code__in"),
        Facet("target", _("Target group"), "target_groups__code__in"),
        Facet("language", _("Language of the material"), "languages__code__in"),
        Facet("year", _("Year"), "publication_date__year__in"),
    ]


def _clean_values(facet, raw):
    """Keep only values of the right shape (unknown codes simply match nothing)."""
    values = []
    for value in raw:
        value = value.strip()[:80]
        # Codes and slugs are printable: a NUL byte is a DataError on PostgreSQL (found by tests/test_crawl.py).
        if not value or value in values or not value.isprintable():
            continue
        if facet.key == "year" and not _is_year(value):
            continue
        values.append(value)
    return values[:20]


def _is_year(value):
    """Four ASCII digits naming a year a date can have ("0000", "²²²²" or "١٢٣٤" are not years)."""
    return len(value) == 4 and value.isascii() and value.isdigit() and int(value) >= datetime.MINYEAR


RELATIONS = {"sector": ("sectors", "sector", Sector), "target": ("target_groups", "targetgroup", TargetGroup),
             "language": ("languages", "language", Language)}


def _selected_ids(facets):
    """{facet key: [ids]} of the selected topics and terms, resolved in one query.

    Filtering the link tables by ids (not by a join on slug/code) lets PostgreSQL estimate
    how many resources match and pick a hash join: ~8× faster on 50,000 resources.
    """
    parts = []
    for facet in facets:
        if not facet.selected or facet.key not in ("topic", *RELATIONS):
            continue
        model, column = (Topic, "slug") if facet.key == "topic" else (RELATIONS[facet.key][2], "code")
        parts.append(model.objects.filter(**{f"{column}__in": facet.selected})
                     .annotate(facet=Value(facet.key, output_field=CharField())).values("facet", "pk").order_by())
    ids = {}
    if parts:
        for row in parts[0].union(*parts[1:], all=True):
            ids.setdefault(row["facet"], []).append(row["pk"])
    return ids


def _facet_filter(facet, ids):
    """The condition of one facet's selected values: columns directly, relations as a subquery
    on their link table alone by ids (no duplicate rows, no join through the page tables)."""
    if facet.key == "type":
        return Q(resource_type__in=facet.selected)
    if facet.key == "year":
        # Date ranges (not EXTRACT(year) IN …) so that the publication_date index serves them.
        years = Q(pk__in=[])
        for year in facet.selected:
            years |= Q(publication_date__range=(datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31)))
        return years
    if facet.key == "topic":
        return Q(pk__in=TaggedResource.objects.filter(tag_id__in=ids.get("topic", [])).values("content_object_id"))
    relation, column, _model = RELATIONS[facet.key]
    through = getattr(ResourcePage, relation).through
    return Q(pk__in=through.objects.filter(**{f"{column}_id__in": ids.get(facet.key, [])}).values("resourcepage_id"))


class Listing:
    """Resources of one library filtered by a query string, with facets, sorting and counts."""

    def __init__(self, library, params, base=None, scope=None, hidden=()):
        self.library = library
        self.scope = scope  # distinguishes cached counts of a narrowed base (e.g. a topic page)
        # The tree paths hidden from anonymous readers by the restrictions read with the request
        # (core.access.reader_hidden_paths): part of the counts' key, so a restriction written
        # without signals (no version bump) gives counts without the resource on the next request.
        self.hidden = tuple(hidden)
        self.query = clean_query(params.get("q"))
        self.facets = _facet_definitions()
        for facet in self.facets:
            facet.selected = _clean_values(facet, params.getlist(facet.key))
        sort = params.get("sort") or ("relevance" if self.query else "newest")
        if sort not in dict(SORTS) or (sort == "relevance" and not self.query):
            sort = "newest"
        self.sort = sort
        self.base = base if base is not None else library.resources()
        self._ranked_ids = None
        self._ids = None  # selected topics' and terms' ids (see _selected_ids)
        if self.query:
            self._ranked_ids = self._text_matches()
            self.base = self.base.filter(pk__in=self._ranked_ids)

    def _text_matches(self):
        """Ids of this library's resources matching the query, best first (the search service:
        the same inflection, folding, other scripts and typo tolerance as the site search)."""
        return ranked_pks(ResourcePage, "resource", self.query, locale_id=self.library.locale_id,
                          limit=MAX_TEXT_MATCHES)

    def _filtered(self, skip=None):
        if self._ids is None:
            self._ids = _selected_ids(self.facets)
        queryset = self.base
        for facet in self.facets:
            if facet.selected and facet.key != skip:
                queryset = queryset.filter(_facet_filter(facet, self._ids))
        return queryset

    def results(self):
        """The matching resources, sorted, ready to paginate (topics prefetched)."""
        queryset = self._filtered().prefetch_related(
            Prefetch("tagged_items", queryset=TaggedResource.objects.select_related("tag")))
        if self.sort == "relevance" and self._ranked_ids:
            rank = Case(*[When(pk=pk, then=Value(position)) for position, pk in enumerate(self._ranked_ids)],
                        output_field=IntegerField())
            return queryset.annotate(rank=rank).order_by("rank")
        # "relevance" without any match (a typo) has nothing to rank: newest first.
        return queryset.order_by(*ORDERINGS.get(self.sort, ORDERINGS["newest"]))

    def compute_facets(self):
        """Fill each facet's options with counts, all facets in one UNION ALL query; returns the facets."""
        by_facet = {facet.key: [] for facet in self.facets}
        for row in self._facet_rows():
            by_facet[row["facet"]].append(row)
        type_labels = dict(RESOURCE_TYPES)
        terms = {"sector": Sector, "target": TargetGroup, "language": Language}
        for facet in self.facets:
            found = by_facet[facet.key]
            if facet.key == "year":
                found.sort(key=lambda r: r["value"], reverse=True)
            else:
                found.sort(key=lambda r: (-r["n"], r["position"], r["label"]))
            if facet.key == "topic":
                found = found[:TOPIC_FACET_SIZE]
            facet.options = []
            for row in found:
                value = row["value"]
                if facet.key == "type":
                    label = type_labels.get(value, value)
                elif facet.key in terms:
                    label = terms[facet.key](code=value).label
                else:
                    label = row["label"] or value
                facet.options.append({"value": value, "label": label, "count": row["n"],
                                      "selected": value in facet.selected})
        return self.facets

    def _cache_key(self, scope=None):
        """Key of this library's facet counts for these filters; changes with every publication."""
        filters = "&".join(f"{f.key}={','.join(sorted(f.selected))}" for f in self.facets if f.selected)
        # The language too: topic names are translated in the counts' rows.
        raw = (f"{self.library.pk}|{scope or ''}|{self.query}|{filters}|{Topic.name_field()}|{facets_version()}"
               f"|{','.join(self.hidden)}")
        return "library:facets:" + hashlib.sha1(raw.encode()).hexdigest()

    @property
    def cache_key(self):
        """What the facet form shows depends on: library, scope, query, selected values, publication."""
        return self._cache_key(self.scope)

    def _facet_rows(self):
        """Rows (facet, value, label, position, n) of all facets: cached, else one UNION ALL query.

        Counting six facets over tens of thousands of resources costs far more than a page
        view may; the counts change only when a resource is published, unpublished, moved or
        deleted, which bumps the version in the key (see facets_version).
        """
        key = self._cache_key(self.scope)
        rows = cache.get(key)
        if rows is None:
            parts = [self._facet_counts(facet.key, self._filtered(skip=facet.key).values("pk"))
                     for facet in self.facets]
            rows = list(parts[0].union(*parts[1:], all=True))
            cache.set(key, rows, FACET_CACHE_SECONDS)
        return rows

    def total(self):
        """Number of matching resources, derived from the type facet (every resource has one type)."""
        type_facet = self.facets[0]
        if not type_facet.options and not any(f.options for f in self.facets):
            self.compute_facets()
        if type_facet.selected:
            return sum(o["count"] for o in type_facet.options if o["selected"])
        return sum(o["count"] for o in type_facet.options)

    @staticmethod
    def _facet_counts(key, ids):
        """A grouped query giving (facet, value, label, position, n) rows for one facet."""
        text, number = CharField(), IntegerField()
        common = {"facet": Value(key, output_field=text)}
        if key == "type":
            return (ResourcePage.objects.filter(pk__in=ids).values("resource_type")
                    .annotate(**common, value=F("resource_type"), label=Value("", output_field=text),
                              position=Value(0, output_field=number), n=Count("pk"))
                    .values("facet", "value", "label", "position", "n").order_by())
        if key == "year":
            return (ResourcePage.objects.filter(pk__in=ids).annotate(year=ExtractYear("publication_date"))
                    .values("year")
                    .annotate(**common, value=Cast("year", output_field=text), label=Value("", output_field=text),
                              position=Value(0, output_field=number), n=Count("pk"))
                    .values("facet", "value", "label", "position", "n").order_by())
        if key == "topic":
            name = Topic.name_field()
            label = Coalesce(NullIf(F(f"tag__{name}"), Value("")), F("tag__name")) if name != "name" else F("tag__name")
            return (TaggedResource.objects.filter(content_object_id__in=ids).values("tag__slug", f"tag__{name}", "tag__name")
                    .annotate(**common, value=F("tag__slug"), label=label,
                              position=Value(0, output_field=number), n=Count("id"))
                    .values("facet", "value", "label", "position", "n").order_by())
        relation, model = {"sector": ("sectors", Sector), "target": ("target_groups", TargetGroup),
                           "language": ("languages", Language)}[key]
        column = model._meta.model_name
        return (getattr(ResourcePage, relation).through.objects.filter(resourcepage_id__in=ids)
                .values(f"{column}__code", f"{column}__position")
                .annotate(**common, value=F(f"{column}__code"), label=Value("", output_field=text),
                          position=F(f"{column}__position"), n=Count("resourcepage_id"))
                .values("facet", "value", "label", "position", "n").order_by())

    def is_filtered(self):
        """True when the reader narrowed the list (a query or a facet value)."""
        return bool(self.query or any(f.selected for f in self.facets))
