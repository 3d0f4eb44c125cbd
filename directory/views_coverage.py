"""The public "who does what where" page and its CSV/JSON downloads."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from home.models import Language, Sector, TargetGroup

from .coverage import TILE_COLUMNS, TILE_ROWS, coverage, tiles
from .cells import neutralise
from .models import CoverageSettings

CSV_COLUMNS = ["voivodeship", "voivodeship_label", "sector", "count", "gap", "overlap", "needs", "offers", "unmet"]


def _result(request, with_needs=False):
    params = request.GET
    threshold = CoverageSettings.load(request_or_site=request).overlap_threshold
    return coverage(
        target_groups=params.getlist("target_group"), languages=params.getlist("language"),
        threshold=threshold, with_needs=with_needs or params.get("layer") == "needs",
    )


@require_GET
def coverage_page(request):
    """The matrix of voivodeships × sectors, the tile map for one sector, and the needs layer."""
    result = _result(request)
    sector = request.GET.get("sector") if request.GET.get("sector") in dict(Sector.CHOICES) else ""
    return render(request, "directory/coverage.html", {
        "result": result,
        "rows": result.rows(),
        "tiles": tiles(result, sector or None),
        "tile_width": TILE_COLUMNS * 110, "tile_height": TILE_ROWS * 80,
        "sector": sector,
        "sectors": Sector.CHOICES,
        "target_groups": TargetGroup.CHOICES,
        "language_choices": [(code, Language(code=code).label) for code, _c in Language.CHOICES],
        "chosen_groups": request.GET.getlist("target_group"),
        "chosen_languages": request.GET.getlist("language"),
        "needs_layer": request.GET.get("layer") == "needs",
    })


@require_GET
def coverage_download(request, fmt):
    """The matrix as CSV or JSON, with the page's filters."""
    records = _result(request, with_needs=True).as_records()
    if fmt == "json":
        return JsonResponse({"cells": records}, json_dumps_params={"ensure_ascii": False})
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([neutralise(record[column]) for column in CSV_COLUMNS])
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="coverage.csv"'
    return response
