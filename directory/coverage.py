"""Who does what where: voivodeships × sectors, from the directory's live data.

An organisation serves a voivodeship through its seat, its regions served, or by
working nationwide (then it counts everywhere). A cell with nobody is a **gap**;
a cell where at least `overlap_threshold` organisations serve the same target group
is a possible **overlap**. Open needs per cell form a second layer: a need with no
open offer of support in that cell is **unmet**. Everything is counted in SQL, in a
fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db import connection

from home.models import Language, Sector, TargetGroup, Voivodeship

from .browse import filtered, published_organisations
from .models import OrganisationPage, SupportItem

# Tile-grid cartogram: (column, row) of each voivodeship, roughly where it lies on the map of Poland.
TILES = {
    "pomorskie": (2, 0), "warminsko-mazurskie": (3, 0), "zachodniopomorskie": (0, 0), "podlaskie": (4, 1),
    "kujawsko-pomorskie": (2, 1), "lubuskie": (0, 1), "wielkopolskie": (1, 1), "mazowieckie": (3, 1),
    "lodzkie": (2, 2), "dolnoslaskie": (0, 2), "lubelskie": (4, 2), "opolskie": (1, 3),
    "swietokrzyskie": (3, 2), "slaskie": (2, 3), "malopolskie": (3, 3), "podkarpackie": (4, 3),
}
TILE_COLUMNS, TILE_ROWS = 5, 4


@dataclass
class Coverage:
    """The matrix and its totals; cells are keyed by (voivodeship code, sector code)."""

    voivodeships: list
    sectors: list
    counts: dict
    overlaps: set
    needs: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)
    threshold: int = 5

    def count(self, voivodeship, sector):
        return self.counts.get((voivodeship, sector), 0)

    def is_gap(self, voivodeship, sector):
        return self.count(voivodeship, sector) == 0

    def is_unmet(self, voivodeship, sector):
        return self.needs.get((voivodeship, sector), 0) > 0 and self.offers.get((voivodeship, sector), 0) == 0

    def rows(self):
        """[(voivodeship code, label, [cell dicts])] in the order of the vocabulary."""
        return [
            (code, label, [self.cell(code, sector) for sector, _label in self.sectors])
            for code, label in self.voivodeships
        ]

    def cell(self, voivodeship, sector):
        key = (voivodeship, sector)
        return {
            "voivodeship": voivodeship, "sector": sector, "count": self.counts.get(key, 0),
            "gap": key not in self.counts, "overlap": key in self.overlaps,
            "needs": self.needs.get(key, 0), "offers": self.offers.get(key, 0), "unmet": self.is_unmet(*key),
        }

    def totals_for(self, sector=None):
        """{voivodeship: organisations} for one sector, or the largest cell of each voivodeship."""
        if sector:
            return {code: self.count(code, sector) for code, _label in self.voivodeships}
        return {code: max((self.count(code, s) for s, _l in self.sectors), default=0) for code, _l in self.voivodeships}

    def as_records(self):
        """Flat records for CSV and JSON downloads."""
        return [
            {**self.cell(code, sector), "voivodeship_label": label}
            for code, label in self.voivodeships for sector, _slabel in self.sectors
        ]


def _ids_sql(queryset):
    return queryset.order_by().values("pk").query.sql_with_params()


def _serves_join(alias):
    """SQL joining voivodeship `v` to the organisation `alias` that serves it."""
    regions = OrganisationPage.regions_served.through._meta.db_table
    return (
        f"({alias}.nationwide OR {alias}.voivodeship_id = v.id OR EXISTS (SELECT 1 FROM {regions} r "
        f"WHERE r.organisationpage_id = {alias}.page_ptr_id AND r.voivodeship_id = v.id))"
    )


def count_cells(queryset):
    """{(voivodeship, sector): organisations} for the organisations of `queryset` (one query)."""
    ids_sql, params = _ids_sql(queryset)
    sectors = OrganisationPage.sectors.through._meta.db_table
    sql = f"""
        SELECT v.code, s.code, COUNT(DISTINCT o.page_ptr_id)
        FROM {OrganisationPage._meta.db_table} o
        JOIN {sectors} os ON os.organisationpage_id = o.page_ptr_id
        JOIN {Sector._meta.db_table} s ON s.id = os.sector_id
        JOIN {Voivodeship._meta.db_table} v ON {_serves_join('o')}
        WHERE o.page_ptr_id IN ({ids_sql})
        GROUP BY v.code, s.code
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(v, s): n for v, s, n in cursor.fetchall()}


def overlap_cells(queryset, threshold):
    """Cells where at least `threshold` organisations share a target group (one query)."""
    ids_sql, params = _ids_sql(queryset)
    sectors = OrganisationPage.sectors.through._meta.db_table
    groups = OrganisationPage.target_groups.through._meta.db_table
    sql = f"""
        SELECT DISTINCT v.code, s.code
        FROM {OrganisationPage._meta.db_table} o
        JOIN {sectors} os ON os.organisationpage_id = o.page_ptr_id
        JOIN {Sector._meta.db_table} s ON s.id = os.sector_id
        JOIN {groups} og ON og.organisationpage_id = o.page_ptr_id
        JOIN {Voivodeship._meta.db_table} v ON {_serves_join('o')}
        WHERE o.page_ptr_id IN ({ids_sql})
        GROUP BY v.code, s.code, og.targetgroup_id
        HAVING COUNT(DISTINCT o.page_ptr_id) >= %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, threshold])
        return set(cursor.fetchall())


def count_items(kind, target_groups=(), languages=()):
    """{(voivodeship, sector): active items of `kind`} (items' regions, or nationwide) in one query."""
    items = SupportItem.objects.in_default_language().open().filter(kind=kind, organisation__live=True)
    if target_groups:
        items = items.filter(target_groups__code__in=target_groups)
    if languages:
        items = items.filter(languages__code__in=languages)
    ids_sql, params = items.order_by().values("pk").distinct().query.sql_with_params()
    table = SupportItem._meta.db_table
    sectors = SupportItem.sectors.through._meta.db_table
    regions = SupportItem.regions.through._meta.db_table
    sql = f"""
        SELECT v.code, s.code, COUNT(DISTINCT i.id)
        FROM {table} i
        JOIN {sectors} isec ON isec.supportitem_id = i.id
        JOIN {Sector._meta.db_table} s ON s.id = isec.sector_id
        JOIN {Voivodeship._meta.db_table} v ON (i.nationwide OR EXISTS (
            SELECT 1 FROM {regions} r WHERE r.supportitem_id = i.id AND r.voivodeship_id = v.id))
        WHERE i.id IN ({ids_sql})
        GROUP BY v.code, s.code
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(v, s): n for v, s, n in cursor.fetchall()}


def valid_codes(model, codes):
    known = {code for code, _label in model.CHOICES}
    return [code for code in codes if code in known]


def coverage(target_groups=(), languages=(), threshold=5, with_needs=False):
    """The coverage matrix for organisations serving any of `target_groups` and working in any of `languages`."""
    target_groups = valid_codes(TargetGroup, target_groups)
    languages = valid_codes(Language, languages)
    selected = {}
    if target_groups:
        selected["target_group"] = target_groups
    if languages:
        selected["language"] = languages
    organisations = filtered(published_organisations(), "", selected)
    result = Coverage(
        voivodeships=[(code, str(label)) for code, label in Voivodeship.CHOICES],
        sectors=[(code, str(label)) for code, label in Sector.CHOICES],
        counts=count_cells(organisations),
        overlaps=overlap_cells(organisations, threshold),
        threshold=threshold,
    )
    if with_needs:
        result.needs = count_items(SupportItem.NEED, target_groups, languages)
        result.offers = count_items(SupportItem.OFFER, target_groups, languages)
    return result


def tiles(result, sector=None):
    """Tile-grid cartogram: one tile per voivodeship with its count and shade (0–4)."""
    totals = result.totals_for(sector)
    top = max(totals.values(), default=0) or 1
    return [
        {
            "code": code, "label": label, "count": totals[code],
            "x": TILES[code][0], "y": TILES[code][1],
            "shade": 0 if not totals[code] else 1 + min(3, int(3 * totals[code] / top)),
        }
        for code, label in result.voivodeships
    ]
