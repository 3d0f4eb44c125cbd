"""Rows of an organisations file (CSV or XLSX) as {column: text} dicts with their line numbers.

Unknown columns are kept but ignored by the importer; an HXL hashtag row right below the
header (every filled cell starts with "#", e.g. "#org+name") is skipped; cells that the
export neutralised ("'=…") get their value back.
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _

from core.cells import unneutralise

XLSX_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file is neither UTF-8 CSV nor a readable XLSX workbook (the message says why)."""


def is_xlsx(content, filename=""):
    """True for an XLSX workbook (a zip archive), by name or by its first bytes."""
    return filename.lower().endswith(".xlsx") or content.startswith(XLSX_MAGIC)


def _text(value):
    """A cell value of a workbook as the text a CSV would have."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _csv_records(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The file is not UTF-8 text.")) from error
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_records(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises zip, XML and key errors for broken files
        raise UnreadableFile(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _is_hxl(record):
    filled = [cell.strip() for cell in record if cell.strip()]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


def read_rows(content, filename=""):
    """(header, [(line, {column: text})]) of the file's bytes; raises UnreadableFile."""
    records = _xlsx_records(content) if is_xlsx(content, filename) else _csv_records(content)
    if not records:
        return [], []
    header = [column.strip() for column in records[0]]
    rows = []
    for line, record in enumerate(records[1:], start=2):
        if line == 2 and _is_hxl(record):
            continue
        if not any(cell.strip() for cell in record):
            continue
        values = [unneutralise(cell) for cell in record]
        rows.append((line, dict(zip(header, values + [""] * (len(header) - len(values))))))
    return header, rows


def check_rows(content, filename=""):
    """Refuse, with a message for the editor, a file that cannot be an organisations file."""
    if is_xlsx(content, filename):
        _xlsx_records(content)
    else:
        _csv_records(content)
