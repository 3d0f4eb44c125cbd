"""CSV and XLSX export of the directory (the current filters), in the import format.

Under the header comes a row of HXL hashtags (directory.hxl) so that humanitarian tools
load the file directly; after the import columns come the names in the reader's language
and the ISO 3166-2 and TERYT codes of the seat's voivodeship. The import skips the HXL
row and the columns it does not know, so an export re-imports with no change.

CSV cells that a spreadsheet would read as a formula get a leading apostrophe
(`core.cells`; phone numbers such as "+48 …" are not formulas); XLSX cells are
written as text cells, which no spreadsheet evaluates, so they keep their value.
Both re-import unchanged.
"""

import io

from django.conf import settings
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .hxl import csv_bytes, sector_name, voivodeship_fields
from .importing import COLUMNS
from .models import OrganisationPage

HXL = {
    "name": "#org+name", "legal_form": "#org+type+code", "krs": "#org+code+krs", "nip": "#org+code+nip",
    "website": "#contact+url", "email": "#contact+email", "phone": "#contact+phone", "city": "#loc+name",
    "voivodeship": "#adm1+code+v_razem", "regions_served": "#adm1+code+served+list",
    "sectors": "#sector+code+list", "target_groups": "#beneficiary+code+list", "languages": "#meta+languages+list",
    "description_pl": "#description+i_pl", "description_uk": "#description+i_uk", "description_en": "#description+i_en",
    "offers": "#service+offered+code+list", "needs": "#service+needed+code+list",
    "voivodeship_name": "#adm1+name", "voivodeship_iso": "#adm1+code+iso", "voivodeship_teryt": "#adm1+code+teryt",
    "sector_names": "#sector+name+list",
}
EXPORT_COLUMNS = [(column, HXL[column]) for column in
                  [*COLUMNS, "voivodeship_name", "voivodeship_iso", "voivodeship_teryt", "sector_names"]]


def _codes(terms):
    return ";".join(term.code for term in terms)


def export_records(queryset):
    """{column: value} of `queryset`'s organisations (EXPORT_COLUMNS); a fixed number of queries."""
    pages = queryset.select_related("voivodeship").prefetch_related(
        "regions_served", "sectors", "target_groups", "languages", "support_offered", "support_needed",
    )
    pages = list(pages)
    translations = {}
    for page in OrganisationPage.objects.filter(translation_key__in=[p.translation_key for p in pages]).exclude(
        locale__language_code=settings.LANGUAGE_CODE
    ).values("translation_key", "locale__language_code", "description"):
        translations[(page["translation_key"], page["locale__language_code"])] = page["description"]
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
            **voivodeship_fields(page.voivodeship.code if page.voivodeship else ""),
            "sector_names": ";".join(sector_name(term.code) for term in page.sectors.all()),
        }
        yield {column: "" if value is None else str(value) for column, value in values.items()}


def export_rows(queryset):
    """Rows (lists of str): the header, the HXL hashtags, then one row per organisation."""
    yield [column for column, _tag in EXPORT_COLUMNS]
    yield [tag for _column, tag in EXPORT_COLUMNS]
    for record in export_records(queryset):
        yield [record[column] for column, _tag in EXPORT_COLUMNS]


def to_csv(queryset):
    """The export as UTF-8 CSV bytes (with a BOM so that spreadsheets detect the encoding)."""
    return csv_bytes(EXPORT_COLUMNS, export_records(queryset))


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
