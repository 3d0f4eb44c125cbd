"""The Secretariat's export of the innovations recommended for scaling, for partners such as
international organisations and donors: CSV with an HXL hashtag row under the header, and JSON.

Public fields only (the contact person stays on the site). CSV cells that a spreadsheet would
read as a formula get a leading apostrophe (core.cells).
"""

import csv
import io

from django.conf import settings
from django.utils import translation

from core.cells import neutralise

from .catalogue import catalogue_rows
from .models import ScalingRecommendation

# (column, HXL hashtag): https://hxlstandard.org/standard/1-1final/dictionary/
COLUMNS = [
    ("id", "#activity+id"),
    ("title", "#activity+name"),
    ("summary", "#activity+description"),
    ("organisation", "#org+name"),
    ("stage", "#status+stage+code"),
    ("sectors", "#sector+code+list"),
    ("target_groups", "#targeted+type+code+list"),
    ("voivodeships", "#adm1+code+list"),
    ("people_reached", "#reached+ind"),
    ("evaluation", "#meta+evaluation+code"),
    ("cost_band", "#value+cost+band+code"),
    ("requirements", "#meta+requirements"),
    ("language", "#meta+lang"),
    ("url", "#meta+url"),
    ("recommended_at", "#date+recommended"),
    ("recommendation_note", "#meta+recommendation"),
]


def _codes(terms):
    return ";".join(term.code for term in terms)


def recommended_records(language_code=None):
    """One dict per innovation recommended for scaling (newest recommendation first), its texts in
    `language_code` when translated, else in its original language."""
    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    recommendations = {rec.innovation.translation_key: rec for rec in
                       ScalingRecommendation.objects.select_related("innovation")}
    pages = (catalogue_rows(language_code).filter(translation_key__in=list(recommendations))
             .select_related("organisation", "locale").prefetch_related("sectors", "target_groups", "regions"))
    records = []
    for page in pages:
        recommendation = recommendations[page.translation_key]
        records.append({
            "id": recommendation.innovation_id, "title": page.title, "summary": page.summary,
            "organisation": page.organisation.title if page.organisation else "",
            "stage": page.stage, "sectors": _codes(page.sectors.all()),
            "target_groups": _codes(page.target_groups.all()),
            "voivodeships": "all" if page.nationwide else _codes(page.regions.all()),
            "people_reached": page.people_reached, "evaluation": page.evaluation, "cost_band": page.cost_band,
            "requirements": page.requirements, "language": page.locale.language_code,
            "url": page.get_full_url() or "", "recommended_at": recommendation.recommended_at.isoformat(),
            "recommendation_note": recommendation.note,
        })
    records.sort(key=lambda record: record["recommended_at"], reverse=True)
    return records


def to_csv(records):
    """UTF-8 CSV bytes (with a BOM for spreadsheets): header, HXL hashtag row, one row per record."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column for column, _tag in COLUMNS])
    writer.writerow([tag for _column, tag in COLUMNS])
    for record in records:
        writer.writerow([neutralise("" if record[column] is None else str(record[column]))
                         for column, _tag in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
