"""Exports that the humanitarian system can load: HXL hashtags, ISO 3166-2 and TERYT codes.

HXL (the Humanitarian Exchange Language, hxlstandard.org) puts a row of hashtags under a
file's header row ("#adm1+name", "#sector+code", "#org+name"…), so that UNHCR's and the
sector coordinators' tools read the columns whatever their titles. Every download of the
directory carries that row; importers of this site skip it (directory.import_files).

Voivodeships are given by our code, their name in the reader's language, their ISO
3166-2:PL code and their TERYT code (home.labels).
"""

import csv
import io

from django.utils import timezone

from core.cells import neutralise
from home.labels import ISO_3166_2, teryt
from home.models import Sector, Voivodeship


def voivodeship_fields(code, prefix="voivodeship"):
    """{column: value} of a voivodeship: our code, name (reader's language), ISO 3166-2 and TERYT codes."""
    if not code:
        return {prefix: "", f"{prefix}_name": "", f"{prefix}_iso": "", f"{prefix}_teryt": ""}
    return {
        prefix: code, f"{prefix}_name": str(Voivodeship.labels().get(code, code)),
        f"{prefix}_iso": ISO_3166_2.get(code, ""), f"{prefix}_teryt": teryt(code),
    }


def sector_name(code):
    return str(Sector.labels().get(code, code))


def dated_filename(stem, extension):
    """"stem-YYYY-MM-DD.ext" (today in the site's time zone), so downloads of different days never mix."""
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def csv_bytes(columns, records):
    """UTF-8 CSV (with a BOM for spreadsheets): the header, the HXL hashtag row, then one row per record.

    `columns` is [(key, hashtag)]; values are written as text, formulas neutralised.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([key for key, _tag in columns])
    writer.writerow([tag for _key, tag in columns])
    for record in records:
        writer.writerow([neutralise(_text(record.get(key))) for key, _tag in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _text(value):
    """Booleans as 1/0 (not Python's True/False), None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
