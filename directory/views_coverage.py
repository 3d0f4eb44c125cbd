"""The public "who does what where" page and its CSV/JSON downloads."""

from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core.access import reader_hidden_paths
from home.models import Language, Sector, TargetGroup
from home.tiles import TILE_COLUMNS, TILE_ROWS

from .coverage import (
    EXPORT_COLUMNS, SCOPES, TILE_HEIGHT, TILE_WIDTH, cell_filters, coverage, read_scope, tiles,
)
from .entries import cache_timeout, digest
from .hxl import csv_bytes, dated_filename
from .models import CoverageSettings
from .templatetags.directory_tags import directory_index_url

SCOPE_LABELS = {
    "serving": _("Serving the region (seat or regions served, without nationwide organisations)"),
    "based": _("Based in the region (seat)"),
    "nationwide": _("Working nationwide"),
    "all": _("All together (nationwide organisations count in every voivodeship)"),
}


def _result(request, with_needs=False):
    params = request.GET
    threshold = CoverageSettings.load(request_or_site=request).overlap_threshold
    return coverage(
        target_groups=params.getlist("target_group"), languages=params.getlist("language"),
        threshold=threshold, with_needs=with_needs or params.get("layer") == "needs",
        scope=read_scope(params.get("scope")), hidden=reader_hidden_paths(request),
    )


def _matrix(result, sector):
    """{"rows", "tiles", "legend"} of the page with their links (read lazily: not at all when the
    cached map and table are used)."""
    rows = result.rows()
    tile_list, legend = tiles(result, sector or None)
    _with_links(result, rows, tile_list, sector)
    return {"rows": rows, "tiles": tile_list, "legend": legend}


def _with_links(result, rows, tile_list, sector):
    """Give every cell and tile the directory link that lists exactly its organisations (all filters kept)."""
    index = directory_index_url()
    groups, languages = result.chosen_groups, result.chosen_languages

    def link(voivodeship, cell_sector):
        return index + "?" + urlencode(cell_filters(result.scope, voivodeship, cell_sector, groups, languages))

    for _code, _label, cells in rows:
        for cell in cells:
            cell["url"] = link(cell["voivodeship"], cell["sector"])
    for tile in tile_list:
        tile["url"] = link(tile["code"], sector)


@require_GET
def coverage_page(request):
    """The matrix of voivodeships × sectors, the tile map for one sector, and the needs layer."""
    result = _result(request)
    sector = request.GET.get("sector") if request.GET.get("sector") in dict(Sector.CHOICES) else ""
    needs_layer = request.GET.get("layer") == "needs"
    return render(request, "directory/coverage.html", {
        "result": result,
        "matrix": SimpleLazyObject(lambda: _matrix(result, sector)),
        # The map and the table (256 cells with their links) are the same for every reader of the same
        # data, filters and hidden paths (result.key), so they are rendered once into the cache; the
        # language is added by the template.
        "matrix_key": result.key and digest(result.key, sector, needs_layer, directory_index_url()),
        "matrix_timeout": cache_timeout(),
        "scopes": [(code, SCOPE_LABELS[code]) for code in SCOPES],
        "tile_width": TILE_COLUMNS * TILE_WIDTH, "tile_height": TILE_ROWS * TILE_HEIGHT,
        "tile_w": TILE_WIDTH - 6, "tile_h": TILE_HEIGHT - 6,
        "sector": sector,
        "sectors": Sector.CHOICES,
        "target_groups": TargetGroup.CHOICES,
        "language_choices": [(code, Language(code=code).label) for code, _c in Language.CHOICES],
        "chosen_groups": request.GET.getlist("target_group"),
        "chosen_languages": request.GET.getlist("language"),
        "needs_layer": needs_layer,
    })


@require_GET
def coverage_download(request, fmt):
    """The matrix as CSV or JSON with the page's filters: translated names, ISO 3166-2 and TERYT codes,
    HXL hashtags (a row under the CSV header; a "hxl" map in the JSON) and a dated file name."""
    result = _result(request, with_needs=True)
    records = result.as_records()
    filename = dated_filename("coverage", fmt)
    if fmt == "json":
        response = JsonResponse({
            "generated": timezone.localdate().isoformat(), "scope": result.scope,
            "filters": {"target_group": result.chosen_groups, "language": result.chosen_languages},
            "hxl": dict(EXPORT_COLUMNS), "cells": records,
        }, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(csv_bytes(EXPORT_COLUMNS, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
