"""CSV import (valid, invalid, re-import, dry run), export neutralisation, admin import."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.cells import neutralise, unneutralise
from directory import importing
from directory.exports import to_csv, to_xlsx
from directory.importing import COLUMNS, import_organisations
from directory.models import ImportRun, OrganisationPage
from directory.tests.realistic import HXL, realistic_csv, realistic_rows

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


def test_admin_import_runs_as_a_task_with_progress(client, directory, secretariat_user, user_factory,
                                                    django_capture_on_commit_callbacks):
    upload = make_csv(GOOD, BAD[0])
    upload.name = "orgs.csv"
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued on commit (sync in tests)
        response = client.post(reverse("directory_import"), {"file": upload, "publish": "on"})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("directory_import_run", args=[run.pk])
    assert run.status == ImportRun.Status.DONE and run.user == secretariat_user
    page = client.get(response.url).content.decode()
    assert "utworzono: 1, zaktualizowano: 0, bez zmian: 0, odrzucono: 1" in page
    assert "Fundacja Import" in page and "5260250275" in page
    assert OrganisationPage.objects.filter(nip=GOOD["nip"]).exists()
    # A file that is no spreadsheet is refused at once, with a message.
    bad = io.BytesIO(b"PK\x03\x04 not a zip")
    bad.name = "orgs.xlsx"
    refused = client.post(reverse("directory_import"), {"file": bad})
    assert refused.status_code == 200 and "XLSX" in refused.content.decode() and ImportRun.objects.count() == 1
    client.force_login(user_factory())
    assert client.get(reverse("directory_import")).status_code in (302, 403)
    assert client.get(reverse("directory_import_run", args=[run.pk])).status_code in (302, 403)


def test_dry_run_diff_summary_and_exit_status(directory, tmp_path):
    import_organisations(make_csv(GOOD), publish=True)
    runs = ImportRun.objects.count()
    path = tmp_path / "orgs.csv"
    path.write_bytes(make_csv({**GOOD, "phone": "+48 22 100 20 30", "sectors": "housing"}, NO_NIP, BAD[0]).getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_organisations", str(path), "--dry-run", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines == [
        "line 2: “Fundacja Import” changes phone, sectors", "line 3: new “Grupa Bez NIP”", "line 4: “Zły NIP” rejected",
        "Dry run (nothing written): created: 1, updated: 1, unchanged: 0, rejected: 1",
    ]
    assert ImportRun.objects.count() == runs  # a dry run of the command writes nothing at all
    path.write_bytes(make_csv(*BAD).getvalue())
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_organisations", str(path), stdout=out, stderr=err)
    assert exit_status.value.code == 1 and "created: 0, updated: 0, unchanged: 0, rejected: 5" in out.getvalue()


def test_export_import_round_trip_unchanged(directory, tmp_path):
    """A realistic file (phones with +, formula-like cells, HXL row, extra column) → export → import: 0 changes."""
    rows = realistic_rows(24)
    first = import_organisations(realistic_csv(rows), publish=True)
    assert (first.created, first.rejected) == (24, 0), first.errors
    pages = OrganisationPage.objects.live().filter(locale__language_code="pl")
    assert pages.get(nip=rows[1]["nip"]).phone == "+48 600 001 001"
    for content, name in ((to_csv(pages), "export.csv"), (to_xlsx(pages), "export.xlsx")):
        again = import_organisations(content, filename=name)
        assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 24, 0), [
            line.describe() for line in again.report_lines() if line.action != "unchanged"]


def test_xlsx_import_with_hxl_row_and_unknown_columns(directory):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS + ["extra_code"])
    sheet.append([HXL.get(column, "") for column in COLUMNS + ["extra_code"]])
    sheet.append([int(GOOD["nip"]) if column == "nip" else GOOD.get(column, "") for column in COLUMNS] + ["x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_organisations(buffer.getvalue(), filename="orgs.xlsx")
    assert (result.created, result.rejected) == (1, 0), result.errors
    assert OrganisationPage.objects.get(nip=GOOD["nip"], locale__language_code="pl").city == "Gdańsk"


def test_system_failure_leaves_a_resumable_import(directory, monkeypatch):
    """A lasting lock stops the import with what was done written and reported; a passing one is retried."""
    from django.db import OperationalError

    monkeypatch.setattr(importing, "RETRY_WAIT", 0)
    rows = realistic_rows(5)
    real_save, calls = importing.save_row, []

    def locked_at_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # one passing lock: retried, not reported
            raise OperationalError("database is locked")
        if len(calls) >= 4 and len(calls) < 4 + importing.ATTEMPTS:
            raise OperationalError("database is locked")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(importing, "save_row", locked_at_third)
    with pytest.raises(importing.ImportInterrupted) as interrupted:
        import_organisations(realistic_csv(rows), publish=True)
    run = ImportRun.objects.get(pk=interrupted.value.run.pk)
    assert run.status == ImportRun.Status.INTERRUPTED and " 5 (database is locked)" in run.problem  # line 5
    assert (run.created, run.done) == (2, 2) == (OrganisationPage.objects.filter(locale__language_code="pl").count(),
                                                 run.lines.count())
    out = io.StringIO()
    call_command("import_organisations", "--resume", str(run.pk), stdout=out, stderr=io.StringIO())
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and out.getvalue().splitlines()[-1] == (
        "created: 5, updated: 0, unchanged: 0, rejected: 0")
    assert OrganisationPage.objects.filter(locale__language_code="pl").count() == 5 == run.lines.count()


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+48 600 100 200", "+48 600 100 200"), ("+48 (22) 123-45-67", "+48 (22) 123-45-67"),
    ("-12.5", "-12.5"), ("-x", "'-x"), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("'=1", "''=1"), ("'quoted", "'quoted"), ("ok", "ok"), ("", ""),
])
def test_neutralise_only_formulas(value, expected):
    assert neutralise(value) == expected
    assert unneutralise(neutralise(value)) == value


def test_export_neutralises_and_round_trips(client, organisation_factory, secretariat_user, user_factory):
    organisation_factory(title="=HYPERLINK(\"http://evil\")", phone="+48 600 100 200", sectors=["housing"])
    organisation_factory(title="Zwyczajna", sectors=["legal-aid"])
    client.force_login(user_factory())
    assert client.get(reverse("directory:export", args=["csv"])).status_code == 403
    client.force_login(secretariat_user)
    response = client.get(reverse("directory:export", args=["csv"]), {"sector": "housing"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]  # under the HXL row
    assert [row["name"] for row in rows] == ["'=HYPERLINK(\"http://evil\")"]
    assert rows[0]["phone"] == "+48 600 100 200" and rows[0]["sectors"] == "housing"
    xlsx = client.get(reverse("directory:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    # Text cells: the value itself, never evaluated, no apostrophe.
    assert [(cell.value, cell.data_type) for cell in next(sheet.iter_rows(min_row=3, max_row=3))][:1] == [
        ("=HYPERLINK(\"http://evil\")", "s")]
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert names == ["=HYPERLINK(\"http://evil\")", "Zwyczajna"]
