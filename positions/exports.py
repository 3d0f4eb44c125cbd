"""The signatories of a position as CSV: a header, an HXL hashtag row, one row per organisation.

For sending with the position to a ministry; it names organisations, never the people who signed.
Cells a spreadsheet would read as formulas are neutralised (core.cells).
"""

import csv
import io

from django.utils import timezone

from core.cells import neutralise
from home.models import Voivodeship

from .page_context import signatures_of

COLUMNS = ["organisation", "krs", "nip", "city", "voivodeship", "voivodeship_name", "signed_on"]
HXL = ["#org+name", "#org+code+krs", "#org+code+nip", "#adm2+name", "#adm1+code", "#adm1+name", "#date+signed"]


def signatory_rows(position):
    """Rows (lists of str) of the position's signing organisations by name, header and HXL row first."""
    labels = Voivodeship.labels()
    yield COLUMNS
    yield HXL
    for signature in signatures_of(position):
        organisation = signature.organisation
        code = organisation.voivodeship.code if organisation.voivodeship else ""
        yield [organisation.title, organisation.krs, organisation.nip, organisation.city, code,
               str(labels.get(code, code)) if code else "", timezone.localdate(signature.signed_at).isoformat()]


def signatories_csv(position):
    """The export as UTF-8 CSV bytes (with a BOM so that spreadsheets detect the encoding)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([neutralise(value) for value in row] for row in signatory_rows(position))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
