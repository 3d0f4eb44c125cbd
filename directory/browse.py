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
    """A filter on one vocabulary: its URL parameter, label and where its codes live."""

    param: str
    label: str
    choices: list
    field: str = ""  # a ParentalManyToManyField of OrganisationPage, or "" for special cases

    def through(self):
        return getattr(OrganisationPage, self.field).through

    def term_column(self):
        return getattr(OrganisationPage, self.field).field.m2m_reverse_field_name()


FACETS = [
    Facet("region", _("Voivodeship served"), Voivodeship.CHOICES),
    Facet("sector", _("Sector"), Sector.CHOICES, "sectors"),
    Facet("target_group", _("Target group"), TargetGroup.CHOICES, "target_groups"),
    Facet("language", _("Working language"), Language.CHOICES, "languages"),
    Facet("legal_form", _("Legal form"), LEGAL_FORMS),
    Facet("offers", _("Offers support"), SupportType.CHOICES, "support_offered"),
    Facet("needs", _("Needs support"), SupportType.CHOICES, "support_needed"),
]
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def published_organisations():
    """Live, public organisation pages in the default language: what the directory counts."""
    return OrganisationPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)


def read_filters(params):
    """The valid selected codes of every facet in a QueryDict (unknown codes are ignored)."""
    selected = {}
    for facet in FACETS:
        valid = {code for code, _label in facet.choices}
        codes = [code for code in params.getlist(facet.param) if code in valid]
        if codes:
            selected[facet.param] = list(dict.fromkeys(codes))
    return selected


def serves_any(codes):
    """Q: the organisation serves one of these voivodeships (seat, regions served or nationwide)."""
    served = OrganisationPage.regions_served.through.objects.filter(voivodeship__code__in=codes)
    return Q(nationwide=True) | Q(voivodeship__code__in=codes) | Q(pk__in=served.values("organisationpage_id"))


def facet_q(facet, codes):
    """Q selecting the organisations that have one of `codes` in `facet`."""
    if facet.param == "region":
        return serves_any(codes)
    if facet.param == "legal_form":
        return Q(legal_form__in=codes)
    rows = facet.through().objects.filter(**{f"{facet.term_column()}__code__in": codes})
    return Q(pk__in=rows.values("organisationpage_id"))


def text_q(query):
    """Q: the name, description or city matches `query` in any of the organisation's languages."""
    matching = OrganisationPage.objects.filter(
        Q(title__icontains=query) | Q(description__icontains=query) | Q(city__icontains=query)
    )
    return Q(translation_key__in=matching.values("translation_key"))


def filtered(base, query, selected, skip=None):
    """`base` narrowed by the text query and every selected facet except `skip`."""
    queryset = base
    if query:
        queryset = queryset.filter(text_q(query))
    for param, codes in selected.items():
        if param != skip:
            queryset = queryset.filter(facet_q(FACETS_BY_PARAM[param], codes))
    return queryset


def facet_sql(facet, queryset):
    """(sql, params) of "code, count" rows of one facet over `queryset`."""
    if facet.param == "legal_form":
        rows = queryset.order_by().values_list("legal_form").annotate(n=Count("pk"))
        return rows.query.sql_with_params()
    if facet.param == "region":
        return served_sql(queryset)
    column = facet.term_column()
    rows = (
        facet.through().objects.filter(organisationpage_id__in=queryset.values("pk"))
        .order_by().values_list(f"{column}__code").annotate(n=Count("organisationpage_id"))
    )
    return rows.query.sql_with_params()


def served_sql(queryset):
    """(sql, params): voivodeship code, organisations serving it (seat, regions served, nationwide)."""
    ids_sql, params = queryset.order_by().values("pk").query.sql_with_params()
    through = OrganisationPage.regions_served.through._meta.db_table
    table = OrganisationPage._meta.db_table
    voivodeships = Voivodeship._meta.db_table
    sql = f"""
        SELECT v.code, COUNT(DISTINCT o.page_ptr_id)
        FROM {voivodeships} v
        JOIN {table} o ON (
            o.nationwide OR o.voivodeship_id = v.id
            OR EXISTS (SELECT 1 FROM {through} r WHERE r.organisationpage_id = o.page_ptr_id AND r.voivodeship_id = v.id)
        )
        WHERE o.page_ptr_id IN ({ids_sql})
        GROUP BY v.code
    """
    return sql, params


def count_all(base, query, selected):
    """(total, {facet param: {code: count}}) in ONE query: a UNION ALL of each facet's GROUP BY."""
    parts, params = [], []
    total_sql, total_params = filtered(base, query, selected).order_by().values("pk").query.sql_with_params()
    parts.append(f"SELECT '' AS facet, '' AS code, COUNT(*) AS n FROM ({total_sql}) total")
    params.extend(total_params)
    for facet in FACETS:
        sql, facet_params = facet_sql(facet, filtered(base, query, selected, skip=facet.param))
        parts.append(f"SELECT %s AS facet, CAST(t.code AS varchar) AS code, t.n FROM ({sql}) AS t(code, n)")
        params.extend([facet.param, *facet_params])
    counts = {facet.param: {} for facet in FACETS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for param, code, n in cursor.fetchall():
            if param:
                counts[param][code] = n
            else:
                total = n
    return total, counts


def facet_groups(selected, counts):
    """Every facet with its values, counts and selection state."""
    groups = []
    for facet in FACETS:
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


def browse(request, index_page=None):
    """Template context of the directory page for this request."""
    params = request.GET
    query = params.get("q", "").strip()[:200]
    selected = read_filters(params)
    sort = params.get("sort") if params.get("sort") in SORTS else "name"
    try:
        per_page = int(params.get("per_page", PAGE_SIZES[0]))
    except ValueError:
        per_page = PAGE_SIZES[0]
    per_page = per_page if per_page in PAGE_SIZES else PAGE_SIZES[0]

    base = published_organisations()
    results = (
        filtered(base, query, selected).order_by(*SORTS[sort])
        .select_related("voivodeship").prefetch_related("sectors")
    )
    total, counts = count_all(base, query, selected)
    paginator = Paginator(results, per_page)
    paginator.count = total  # already counted with the facets: spare the COUNT query
    page_obj = paginator.get_page(params.get("page"))
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
