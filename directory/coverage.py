"""Who does what where: voivodeships × sectors, from the directory's live data.

An organisation serves a voivodeship through its seat, its regions served, or by
working nationwide (then it counts everywhere). Counted all together, nationwide
organisations fill every cell and hide the gaps, so the page shows one **scope** at a
time (SCOPES): organisations serving the region (seat or regions served, not nationwide:
the default), organisations based there (seat), organisations working nationwide, or all
of them. A cell with nobody is a **gap**;
a cell where at least `overlap_threshold` organisations serve the same target group
is a possible **overlap**. Open needs per cell form a second layer: a need with no
open offer of support in that cell is **unmet**. Each layer is read in ONE query (the bit
masks of DirectoryEntry or SupportItem, see bits.py) and counted as a product of 0/1
matrices (numpy); the result is cached until the data changes, per set of tree paths hidden
from the reader (the view restrictions read with the request decide who is counted, never
the cache).
"""

from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from home.bits import any_of, mask_of
from home.models import Language, Sector, TargetGroup, Voivodeship
from home.tiles import TILES

from home.facets import filtered

from .browse import FACETS, listed_entries, listed_items, text_q
from .entries import cache_timeout, cached, digest, entries_version, items_version
from .models import SupportItem

TILE_WIDTH, TILE_HEIGHT = 150, 92

SCOPES = ("serving", "based", "nationwide", "all")
# Columns of the downloads and their HXL hashtags (directory.hxl).
EXPORT_COLUMNS = [
    ("voivodeship", "#adm1+code+v_razem"), ("voivodeship_name", "#adm1+name"), ("voivodeship_iso", "#adm1+code+iso"),
    ("voivodeship_teryt", "#adm1+code+teryt"), ("sector", "#sector+code"), ("sector_name", "#sector+name"),
    ("scope", "#meta+scope"), ("organisations", "#org+num"), ("gap", "#indicator+gap"),
    ("overlap", "#indicator+overlap"), ("needs", "#indicator+needs+num"), ("offers", "#indicator+offers+num"),
    ("unmet", "#indicator+unmet"),
]
DEFAULT_SCOPE = "serving"


def read_scope(value):
    """A valid scope (SCOPES) from a request parameter, else the default."""
    return value if value in SCOPES else DEFAULT_SCOPE


def cell_filters(scope, voivodeship, sector, target_groups=(), languages=()):
    """The directory's query parameters [(name, value)] that list exactly the organisations of a cell."""
    pairs = [("seat" if scope == "based" else "region", voivodeship)]
    if sector:
        pairs.append(("sector", sector))
    pairs += [("target_group", code) for code in target_groups] + [("language", code) for code in languages]
    if scope in ("serving", "nationwide"):
        pairs.append(("nationwide", "1" if scope == "nationwide" else "0"))
    return pairs


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
    scope: str = DEFAULT_SCOPE
    nationwide: int = 0
    per_voivodeship: dict = field(default_factory=dict)
    chosen_groups: list = field(default_factory=list)
    chosen_languages: list = field(default_factory=list)
    key: str = ""  # the digest of the parameters and data versions it was computed for ("" when not cached)

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
        """{voivodeship: organisations} in one sector, or in any sector (each organisation once)."""
        if sector:
            return {code: self.count(code, sector) for code, _label in self.voivodeships}
        return {code: self.per_voivodeship.get(code, 0) for code, _label in self.voivodeships}

    def as_records(self):
        """Flat records for CSV and JSON downloads (EXPORT_COLUMNS): codes, names, ISO/TERYT codes, counts."""
        from .hxl import voivodeship_fields

        records = []
        for code, _label in self.voivodeships:
            place = voivodeship_fields(code)
            for sector, sector_label in self.sectors:
                cell = self.cell(code, sector)
                records.append({
                    **place, "sector": sector, "sector_name": sector_label, "scope": self.scope,
                    "organisations": cell["count"], "gap": cell["gap"], "overlap": cell["overlap"],
                    "needs": cell["needs"], "offers": cell["offers"], "unmet": cell["unmet"],
                })
        return records


def _matrix(masks, model):
    """rows × terms matrix of 0/1: which terms of `model` each mask holds.

    float32: exact counts up to 2**24 rows, and fast products (see _product).
    """
    width = len(model.CHOICES)
    masks = np.asarray(masks, dtype=np.int64)
    return ((masks[:, None] >> np.arange(width, dtype=np.int64)) & 1).astype(np.float32)


def _product(rows, columns):
    """rows.T @ columns, through einsum's own loops: BLAS would start threads that only fight the
    web workers for the CPU on matrices this small (16 columns)."""
    return np.einsum("iv,is->vs", rows, columns)


def _cells(matrix, model_rows=Voivodeship, model_columns=Sector, minimum=1):
    """{(row code, column code): n} of the non-zero (or >= minimum) cells of a count matrix."""
    rows = [code for code, _label in model_rows.CHOICES]
    columns = [code for code, _label in model_columns.CHOICES]
    return {(rows[r], columns[c]): round(matrix[r, c]) for r, c in zip(*np.nonzero(matrix >= minimum))}


def _fetch(values_queryset):
    """The integer rows of a values_list queryset as a numpy array, through the cursor (no model rows)."""
    sql, params = values_queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return np.array(cursor.fetchall(), dtype=np.int64)


def _where(rows, scope):
    """The organisations × voivodeships 0/1 matrix of `scope` from rows (served, …, seat bit, nationwide)."""
    served, seat_bit, nationwide = rows[:, 0], rows[:, 3], rows[:, 4].astype(bool)
    if scope == "based":
        masks = np.where(seat_bit >= 0, np.left_shift(1, np.clip(seat_bit, 0, 62)), 0)
    elif scope == "serving":
        masks = np.where(nationwide, 0, served)
    elif scope == "nationwide":
        masks = np.where(nationwide, served, 0)
    else:
        masks = served
    return _matrix(masks, Voivodeship)


def organisation_layers(entries, threshold, scope="all"):
    """(cells, overlaps, nationwide organisations, {voivodeship: organisations in any sector}) of the
    DirectoryEntry queryset `entries`, from ONE query.

    An organisation counts in a cell when its mask of the `scope` (see SCOPES; "all": its
    `served` mask: seat, regions, or every voivodeship if nationwide) holds the voivodeship
    and its sectors the sector: the matrix is the product of the organisations ×
    voivodeships and organisations × sectors 0/1 matrices. A cell is a possible overlap
    when, for one target group, that product reaches `threshold`.
    """
    seat_bit = Coalesce(F("page__voivodeship__bit"), Value(-1))
    nationwide = Case(When(page__nationwide=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    rows = _fetch(entries.order_by().annotate(_seat=seat_bit, _nationwide=nationwide)
                  .values_list("served", "sectors", "target_groups", "_seat", "_nationwide"))
    if not len(rows):
        return {}, set(), 0, {}
    where, what, whom = _where(rows, scope), _matrix(rows[:, 1], Sector), _matrix(rows[:, 2], TargetGroup)
    cells = _cells(_product(where, what))
    overlaps = set()
    for group in range(whom.shape[1]):
        members = whom[:, group:group + 1]
        if members.sum() >= threshold:
            overlaps |= set(_cells(_product(where * members, what), minimum=threshold))
    codes = [code for code, _label in Voivodeship.CHOICES]
    per_voivodeship = {codes[n]: int(total) for n, total in enumerate(where.sum(axis=0)) if total}
    return cells, overlaps, int(rows[:, 4].sum()), per_voivodeship


def item_layers(target_groups=(), languages=(), hidden=()):
    """({cell: open needs}, {cell: open offers}) (items' regions, or nationwide) from ONE query, of the
    organisations under none of the `hidden` tree paths."""
    items = listed_items(hidden)
    if target_groups:
        items = items.filter(any_of("target_groups_mask", mask_of(TargetGroup, target_groups)))
    if languages:
        items = items.filter(any_of("languages_mask", mask_of(Language, languages)))
    is_need = Case(When(kind=SupportItem.NEED, then=Value(1)), default=Value(0), output_field=IntegerField())
    rows = _fetch(items.order_by().annotate(is_need=is_need).values_list("is_need", "served_mask", "sectors_mask"))
    layers = []
    for wanted in (1, 0):
        mine = rows[rows[:, 0] == wanted] if len(rows) else rows
        if not len(mine):
            layers.append({})
            continue
        layers.append(_cells(_product(_matrix(mine[:, 1], Voivodeship), _matrix(mine[:, 2], Sector))))
    return tuple(layers)


def valid_codes(model, codes):
    known = {code for code, _label in model.CHOICES}
    return [code for code in codes if code in known]


def coverage(target_groups=(), languages=(), threshold=5, with_needs=False, scope="all", hidden=()):
    """The coverage matrix of `scope` (SCOPES) for organisations serving any of `target_groups` and working
    in any of `languages`, leaving out the organisations under the `hidden` tree paths
    (core.access.reader_hidden_paths of the request)."""
    scope = scope if scope in SCOPES else "all"
    target_groups = valid_codes(TargetGroup, target_groups)
    languages = valid_codes(Language, languages)
    selected = {}
    if target_groups:
        selected["target_group"] = target_groups
    if languages:
        selected["language"] = languages
    hidden = tuple(hidden)
    entries = filtered(listed_entries(hidden), "", selected, facets=FACETS, text=text_q)

    def layers():
        counts, overlaps, nationwide, per_voivodeship = organisation_layers(entries, threshold, scope)
        data = {"counts": counts, "overlaps": overlaps, "nationwide": nationwide, "per_voivodeship": per_voivodeship}
        if with_needs:
            data["needs"], data["offers"] = item_layers(target_groups, languages, hidden)
        return data

    version = (entries_version(), items_version() if with_needs else "", timezone.localdate().isoformat())
    parts = (target_groups, languages, threshold, with_needs, scope, hidden)
    data = cached("coverage-v2", parts, version, layers)
    return Coverage(
        scope=scope, chosen_groups=target_groups, chosen_languages=languages,
        voivodeships=[(code, str(label)) for code, label in Voivodeship.CHOICES],
        sectors=[(code, str(label)) for code, label in Sector.CHOICES],
        threshold=threshold, key=digest(parts, version) if cache_timeout() else "", **data,
    )


def shade(count, top):
    """The shade (0 = nobody, 1–4 = darker for more) of a count, against the largest count `top`."""
    return 0 if not count else 1 + min(3, int(3 * count / top))


def legend(top):
    """[(shade, lowest count, highest count)] of the shades in use for counts 0…`top`."""
    ranges = {}
    for count in range(top + 1):
        low, _high = ranges.get(shade(count, top), (count, count))
        ranges[shade(count, top)] = (low, count)
    return [(level, low, high) for level, (low, high) in sorted(ranges.items())]


def label_lines(label):
    """A voivodeship's name in at most two lines (split after its hyphen), so a tile never cuts it."""
    first, hyphen, rest = str(label).partition("-")
    return [first + hyphen, rest] if hyphen else [first]


def tiles(result, sector=None):
    """Tile-grid cartogram: one tile per voivodeship with its count, shade (0–4) and position in px."""
    totals = result.totals_for(sector)
    top = max(totals.values(), default=0)
    return [
        {
            "code": code, "label": label, "lines": label_lines(label), "count": totals[code],
            "x": TILES[code][0] * TILE_WIDTH, "y": TILES[code][1] * TILE_HEIGHT,
            "shade": shade(totals[code], top),
        }
        for code, label in result.voivodeships
    ], legend(top)
