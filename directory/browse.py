"""Directory browsing: filters, facet counts, sorting and pagination in bounded SQL.

Organisations are counted on their pages in the default language (the source that
memberships and synchronised fields hang on); the reader sees the translation in
their language when it exists. Each facet costs one GROUP BY query, whatever the
page size: facets are "disjunctive" (a facet's counts apply every other filter).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home.models import LEGAL_FORMS, Language, Sector, SupportType, TargetGroup, Voivodeship

from .models import OrganisationPage

PAGE_SIZES = (20, 50, 100)
SORTS = {
    "name": ("title", "pk"),
    "newest": ("-first_published_at", "-pk"),
    "updated": ("-last_published_at", "-pk"),
}
SORT_LABELS = {"name": _("Name"), "newest": _("Newest"), "updated": _("Recently updated")}


@dataclass(frozen=True)
class Facet:
    """A filter on one vocabulary: its URL parameter, label, codes, and how the model stores it.

    `how` is "m2m" (a ParentalManyToManyField named `field`), "fk" (a ForeignKey to a term),
    "column" (a plain choice column) or "served" (voivodeships served: nationwide, regions, seat).
    """

    param: str
    label: str
    choices: list
    field: str
    how: str = "m2m"
    model: type = OrganisationPage

    def relation(self):
        return getattr(self.model, self.field).field

    def through(self):
        return self.relation().remote_field.through

    def owner_column(self):
        return self.relation().m2m_column_name()

    def term_column(self):
        return self.relation().m2m_reverse_field_name()


FACETS = [
    Facet("region", _("Voivodeship served"), Voivodeship.CHOICES, "regions_served", "served"),
    Facet("sector", _("Sector"), Sector.CHOICES, "sectors"),
    Facet("target_group", _("Target group"), TargetGroup.CHOICES, "target_groups"),
    Facet("language", _("Working language"), Language.CHOICES, "languages"),
    Facet("legal_form", _("Legal form"), LEGAL_FORMS, "legal_form", "column"),
    Facet("offers", _("Offers support"), SupportType.CHOICES, "support_offered"),
    Facet("needs", _("Needs support"), SupportType.CHOICES, "support_needed"),
]


def published_organisations():
    """Live, public organisation pages in the default language: what the directory counts."""
    return OrganisationPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)


def read_filters(params, facets=FACETS):
    """The valid selected codes of every facet in a QueryDict (unknown codes are ignored)."""
    selected = {}
    for facet in facets:
        valid = {code for code, _label in facet.choices}
        codes = [code for code in params.getlist(facet.param) if code in valid]
        if codes:
            selected[facet.param] = list(dict.fromkeys(codes))
    return selected


def _through_ids(facet, codes):
    rows = facet.through().objects.filter(**{f"{facet.term_column()}__code__in": codes})
    return rows.values(facet.owner_column())


def facet_q(facet, codes):
    """Q selecting the rows that have one of `codes` in `facet`."""
    if facet.how == "column":
        return Q(**{f"{facet.field}__in": codes})
    if facet.how == "fk":
        return Q(**{f"{facet.field}__code__in": codes})
    query = Q(pk__in=_through_ids(facet, codes))
    if facet.how == "served":
        query |= Q(nationwide=True)
        if facet.model is OrganisationPage:
            query |= Q(voivodeship__code__in=codes)
    return query


def text_q(query):
    """Q: the name, description or city matches `query` in any of the organisation's languages."""
    matching = OrganisationPage.objects.filter(
        Q(title__icontains=query) | Q(description__icontains=query) | Q(city__icontains=query)
    )
    return Q(translation_key__in=matching.values("translation_key"))


def filtered(base, query, selected, skip=None, facets=FACETS, text=text_q):
    """`base` narrowed by the text query and every selected facet except `skip`."""
    by_param = {facet.param: facet for facet in facets}
    queryset = base
    if query:
        queryset = queryset.filter(text(query))
    for param, codes in selected.items():
        if param != skip:
            queryset = queryset.filter(facet_q(by_param[param], codes))
    return queryset


def facet_sql(facet, queryset):
    """(sql, params) of "code, count" rows of one facet over `queryset`."""
    if facet.how in ("column", "fk"):
        column = facet.field if facet.how == "column" else f"{facet.field}__code"
        return queryset.order_by().values_list(column).annotate(n=Count("pk")).query.sql_with_params()
    if facet.how == "served":
        return served_sql(facet, queryset)
    owner = facet.owner_column()
    rows = (
        facet.through().objects.filter(**{f"{owner}__in": queryset.values("pk")})
        .order_by().values_list(f"{facet.term_column()}__code").annotate(n=Count(owner))
    )
    return rows.query.sql_with_params()


def served_sql(facet, queryset):
    """(sql, params): voivodeship code, rows serving it (nationwide, regions, and an organisation's seat)."""
    ids_sql, params = queryset.order_by().values("pk").query.sql_with_params()
    model = facet.model
    table, pk = model._meta.db_table, model._meta.pk.column
    through, owner = facet.through()._meta.db_table, facet.owner_column()
    term = facet.relation().m2m_reverse_name()
    seat = " OR o.voivodeship_id = v.id" if model is OrganisationPage else ""
    sql = f"""
        SELECT v.code, COUNT(DISTINCT o.{pk})
        FROM {Voivodeship._meta.db_table} v
        JOIN {table} o ON (
            o.nationwide{seat}
            OR EXISTS (SELECT 1 FROM {through} r WHERE r.{owner} = o.{pk} AND r.{term} = v.id)
        )
        WHERE o.{pk} IN ({ids_sql})
        GROUP BY v.code
    """
    return sql, params


def count_all(base, query, selected, facets=FACETS, text=text_q):
    """(total, {facet param: {code: count}}) in ONE query: a UNION ALL of each facet's GROUP BY."""
    parts, params = [], []
    total_sql, total_params = (
        filtered(base, query, selected, facets=facets, text=text).order_by().values("pk").query.sql_with_params()
    )
    parts.append(f"SELECT '' AS facet, '' AS code, COUNT(*) AS n FROM ({total_sql}) total")
    params.extend(total_params)
    for facet in facets:
        subset = filtered(base, query, selected, skip=facet.param, facets=facets, text=text)
        sql, facet_params = facet_sql(facet, subset)
        parts.append(f"SELECT %s AS facet, CAST(t.code AS varchar) AS code, t.n FROM ({sql}) AS t(code, n)")
        params.extend([facet.param, *facet_params])
    counts = {facet.param: {} for facet in facets}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for param, code, n in cursor.fetchall():
            if param:
                counts[param][code] = n
            else:
                total = n
    return total, counts


def facet_groups(selected, counts, facets=FACETS):
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


def localise(pages, language_code):
    """Pair each page with its live translation in `language_code` (one query for the whole list)."""
    keys = [page.translation_key for page in pages]
    translations = {}
    if keys and language_code != settings.LANGUAGE_CODE:
        translations = {
            page.translation_key: page
            for page in OrganisationPage.objects.live().filter(translation_key__in=keys, locale__language_code=language_code)
            .only("title", "description", "url_path", "translation_key", "locale_id", "path", "depth")
        }
    return [(page, translations.get(page.translation_key, page)) for page in pages]


def read_page_size(params):
    """The requested page size if it is one of PAGE_SIZES, else the first."""
    try:
        per_page = int(params.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        return PAGE_SIZES[0]
    return per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]


def paginate(results, total, params, per_page):
    """A page of `results`, reusing the `total` counted with the facets (no COUNT query)."""
    paginator = Paginator(results, per_page)
    paginator.count = total
    return paginator.get_page(params.get("page"))


def browse(request, index_page=None):
    """Template context of the directory page for this request."""
    params = request.GET
    query = params.get("q", "").strip()[:200]
    selected = read_filters(params)
    sort = params.get("sort") if params.get("sort") in SORTS else "name"
    per_page = read_page_size(params)

    base = published_organisations()
    results = (
        filtered(base, query, selected).order_by(*SORTS[sort])
        .select_related("voivodeship").prefetch_related("sectors")
    )
    total, counts = count_all(base, query, selected)
    page_obj = paginate(results, total, params, per_page)
    return {
        "query": query,
        "selected": selected,
        "sort": sort,
        "sorts": SORT_LABELS,
        "per_page": per_page,
        "page_sizes": PAGE_SIZES,
        "organisations": page_obj,
        "entries": localise(list(page_obj.object_list), translation.get_language()),
        "facets": facet_groups(selected, counts),
        "has_filters": bool(query or selected),
    }
