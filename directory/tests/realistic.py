"""A realistic organisations file for the import tests: phones with "+", names and descriptions
that look like formulas, descriptions in three languages, an HXL hashtag row and an extra column."""

import csv
import io

from directory.factories import make_nip
from directory.importing import COLUMNS

VOIVODESHIPS = ["lubelskie", "mazowieckie", "podkarpackie", "malopolskie", "pomorskie", "slaskie"]
SECTORS = ["legal-aid", "housing", "education", "health", "mental-health", "integration"]
HXL = {"name": "#org+name", "nip": "#org+code+nip", "city": "#adm2+name", "voivodeship": "#adm1+code",
       "sectors": "#sector+code", "phone": "#contact+phone", "extra_code": "#meta+code"}


def realistic_rows(count, offset=0):
    """`count` valid rows (dicts over COLUMNS plus an unknown column "extra_code")."""
    rows = []
    for n in range(offset, offset + count):
        name = f"Fundacja Pomoc {n}" if n % 7 else f"=Razem {n} (nazwa zaczyna się od =)"
        rows.append({
            "name": name, "legal_form": "foundation" if n % 2 else "association", "nip": make_nip(50_000 + n),
            "website": f"https://org{n}.example.org", "email": f"kontakt{n}@org{n}.example.org",
            "phone": f"+48 600 {n:03d} {n % 100:03d}" if n % 3 else f"-{n} (wewn.)" if n % 2 else "",
            "city": "Lublin" if n % 2 else "Warszawa", "voivodeship": VOIVODESHIPS[n % len(VOIVODESHIPS)],
            "regions_served": "all" if n % 5 == 0 else f"{VOIVODESHIPS[n % 6]};lubelskie" if n % 6 else "lubelskie",
            "sectors": f"{SECTORS[n % 6]};{SECTORS[(n + 1) % 6]}", "target_groups": "refugees-ukraine;children",
            "languages": "pl;uk", "description_pl": f"Opis organizacji {n}. +10% więcej pomocy",
            "description_uk": f"Опис організації {n}", "description_en": f"@Organisation {n} description",
            "offers": "knowledge;skills", "needs": "financial", "extra_code": f"X-{n}",
        })
    return rows


def realistic_csv(rows, hxl=True):
    """The rows as UTF-8 CSV bytes (with a BOM), an HXL row under the header when `hxl`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS + ["extra_code"])
    writer.writeheader()
    if hxl:
        writer.writerow({column: HXL.get(column, "") for column in COLUMNS + ["extra_code"]})
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
