"""CSV import (valid, invalid, re-import, dry run), export neutralisation, admin import."""

import csv
import io

import pytest
from django.utils import translation
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from directory.exports import neutralise
from directory.importing import COLUMNS, import_organisations
from directory.models import OrganisationPage

pytestmark = pytest.mark.django_db


def make_csv(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return io.BytesIO(buffer.getvalue().encode("utf-8"))


GOOD = {
    "name": "Fundacja Import", "legal_form": "foundation", "nip": "5260250274", "city": "Gdańsk",
    "voivodeship": "pomorskie", "regions_served": "pomorskie;kujawsko-pomorskie", "sectors": "housing;legal-aid",
    "target_groups": "refugees-ukraine", "languages": "pl;uk", "description_pl": "Opis",
    "description_uk": "Опис", "offers": "knowledge", "needs": "financial",
}
NO_NIP = {"name": "Grupa Bez NIP", "city": "Kraków", "voivodeship": "malopolskie", "regions_served": "all",
          "sectors": "integration", "website": "https://grupa.example.org"}
BAD = [
    {**NO_NIP, "name": "Zły NIP", "nip": "5260250275"},
    {**NO_NIP, "name": "Zły kod", "sectors": "integration;gardening"},
    {**NO_NIP, "name": "Zły adres", "website": "javascript:alert(1)"},
    {**NO_NIP, "name": "Bez miasta", "city": ""},
    {**NO_NIP, "name": "Zły e-mail", "email": "not-an-email"},
]


def test_import_valid_invalid_and_reimport(directory):
    result = import_organisations(make_csv(GOOD, NO_NIP, *BAD), publish=True)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (2, 0, 0, 5)
    errors = {(error.line, error.column, error.value) for error in result.errors}
    assert errors == {
        (4, "nip", "5260250275"), (5, "sectors", "integration;gardening"), (6, "website", "javascript:alert(1)"),
        (7, "city", ""), (8, "email", "not-an-email"),
    }
    # Messages are in the language active during the import (the editor's).
    with translation.override("pl"):
        message = str(next(error for error in result.errors if error.column == "nip"))
    assert message == "wiersz 4, kolumna nip, wartość „5260250275”: Suma kontrolna tego numeru NIP jest nieprawidłowa."

    imported = OrganisationPage.objects.get(nip="5260250274", locale__language_code="pl")
    assert imported.live and sorted(imported.sectors.values_list("code", flat=True)) == ["housing", "legal-aid"]
    assert list(imported.support_needed.values_list("code", flat=True)) == ["financial"]
    assert imported.get_translations().get(locale__language_code="uk").specific.description == "Опис"
    assert OrganisationPage.objects.get(title="Grupa Bez NIP").nationwide

    # The same file again: nothing new, nothing changed.
    again = import_organisations(make_csv(GOOD, NO_NIP, *BAD), publish=True)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 2, 5)
    # A changed row updates the organisation matched by NIP (and name + city without NIP).
    changed = import_organisations(make_csv({**GOOD, "name": "Fundacja Import (nowa nazwa)"},
                                            {**NO_NIP, "sectors": "integration;culture"}))
    assert (changed.created, changed.updated) == (0, 2)
    assert OrganisationPage.objects.filter(locale__language_code="pl").count() == 2
    imported.refresh_from_db()
    assert imported.title == "Fundacja Import (nowa nazwa)"


def test_dry_run_writes_nothing(directory):
    result = import_organisations(make_csv(GOOD, BAD[0]), dry_run=True)
    assert (result.created, result.rejected) == (1, 1)
    assert not OrganisationPage.objects.exists()


def test_missing_required_column(directory):
    result = import_organisations(io.BytesIO("name,city\nA,B\n".encode()))
    assert result.rejected == 1 and "voivodeship" in str(result.errors[0])


def test_command(directory, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(make_csv(GOOD, BAD[0]).getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), "--dry-run", stdout=out, stderr=err)
    assert "created: 1" in out.getvalue() and "rejected: 1" in out.getvalue() and "line 3" in err.getvalue()
    assert not OrganisationPage.objects.exists()
    call_command("import_organisations", str(path), "--publish", stdout=out, stderr=err)
    assert OrganisationPage.objects.live().filter(locale__language_code="pl").count() == 1


def test_admin_import_for_editors(client, directory, secretariat_user, user_factory):
    upload = make_csv(GOOD)
    upload.name = "orgs.csv"
    client.force_login(secretariat_user)
    response = client.post(reverse("directory_import"), {"file": upload, "publish": "on"})
    assert response.status_code == 200 and "utworzono: 1" in response.content.decode()
    assert OrganisationPage.objects.count() >= 1
    client.force_login(user_factory())
    assert client.get(reverse("directory_import")).status_code in (302, 403)


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+48 123", "'+48 123"), ("-x", "'-x"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("ok", "ok"), ("", "")])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_export_neutralises_and_round_trips(client, organisation_factory, secretariat_user, user_factory):
    organisation_factory(title="=HYPERLINK(\"http://evil\")", phone="+48 600 100 200", sectors=["housing"])
    organisation_factory(title="Zwyczajna", sectors=["legal-aid"])
    client.force_login(user_factory())
    assert client.get(reverse("directory:export", args=["csv"])).status_code == 403
    client.force_login(secretariat_user)
    response = client.get(reverse("directory:export", args=["csv"]), {"sector": "housing"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["'=HYPERLINK(\"http://evil\")"]
    assert rows[0]["phone"] == "'+48 600 100 200" and rows[0]["sectors"] == "housing"
    xlsx = client.get(reverse("directory:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["'=HYPERLINK(\"http://evil\")", "Zwyczajna"]
