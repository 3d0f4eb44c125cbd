"""CSV and XLSX export of the directory (the current filters), in the import format.

CSV cells that a spreadsheet would read as a formula get a leading apostrophe
(`directory.cells`; phone numbers such as "+48 …" are not formulas); XLSX cells are
written as text cells, which no spreadsheet evaluates, so they keep their value.
Both re-import unchanged.
"""

import csv
import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .cells import neutralise
from .importing import COLUMNS
from .models import OrganisationPage


def _codes(terms):
    return ";".join(term.code for term in terms)


def export_rows(queryset):
    """Rows (lists of str) of `queryset`'s organisations, header first; a fixed number of queries."""
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
        yield ["" if values[column] is None else str(values[column]) for column in COLUMNS]


def to_csv(queryset):
    """The export as UTF-8 CSV bytes (with a BOM so that spreadsheets detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([neutralise(value) for value in row] for row in export_rows(queryset))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(queryset):
    """The export as XLSX bytes; every cell is a text cell (never a formula, whatever it starts with)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    for row in export_rows(queryset):
        sheet.append([_text_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    return cell
