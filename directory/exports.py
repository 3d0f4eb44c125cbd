"""CSV and XLSX export of the directory (the current filters), in the import format.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab
or a carriage return) are neutralised with a leading apostrophe.
"""

import csv
import io

from django.conf import settings
from django.db.models import Prefetch
from openpyxl import Workbook

from .importing import COLUMNS
from .models import OrganisationPage

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that spreadsheets show as text, never evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _codes(terms):
    return ";".join(term.code for term in terms)


def export_rows(queryset):
    """Rows (lists of str, neutralised) of `queryset`'s organisations, header first; a fixed number of queries."""
    pages = queryset.select_related("voivodeship").prefetch_related(
        "regions_served", "sectors", "target_groups", "languages", "support_offered", "support_needed",
    )
    pages = list(pages)
    translations = {}
    for page in OrganisationPage.objects.filter(translation_key__in=[p.translation_key for p in pages]).exclude(
        locale__language_code=settings.LANGUAGE_CODE
    ).values("translation_key", "locale__language_code", "description"):
        translations[(page["translation_key"], page["locale__language_code"])] = page["description"]
    yield COLUMNS
    for page in pages:
        values = {
            "name": page.title, "legal_form": page.legal_form, "krs": page.krs, "nip": page.nip,
            "website": page.website, "email": page.email, "phone": page.phone, "city": page.city,
            "voivodeship": page.voivodeship.code if page.voivodeship else "",
            "regions_served": "all" if page.nationwide else _codes(page.regions_served.all()),
            "sectors": _codes(page.sectors.all()), "target_groups": _codes(page.target_groups.all()),
            "languages": _codes(page.languages.all()),
            "description_pl": page.description,
            "description_uk": translations.get((page.translation_key, "uk"), ""),
            "description_en": translations.get((page.translation_key, "en"), ""),
            "offers": _codes(page.support_offered.all()), "needs": _codes(page.support_needed.all()),
        }
        yield [neutralise(values[column]) for column in COLUMNS]


def to_csv(queryset):
    """The export as UTF-8 CSV bytes (with a BOM so that spreadsheets detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(export_rows(queryset))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(queryset):
    """The export as XLSX bytes; every cell is a string."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    for row in export_rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
