"""#23 "data the humanitarian system can load": the coverage, directory and needs/offers downloads
carry translated names, ISO 3166-2:PL and TERYT codes, a dated file name and an HXL hashtag row
that libhxl (the HXL reference parser) recognises; the JSON gives the same fields."""

import csv
import io
import json

import hxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from directory.factories import SupportItemFactory
from directory.importing import import_organisations
from home.models import Voivodeship

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(organisation_factory, directory):
    lublin = Voivodeship.objects.get(code="lubelskie")
    org = organisation_factory(title="Fundacja Lubelska", voivodeship=lublin, sectors=["housing"],
                               target_groups=["women"], regions_served=["podlaskie"])
    organisation_factory(title="Wszędzie", voivodeship=lublin, nationwide=True, sectors=["legal-aid"])
    SupportItemFactory(organisation=org, kind="need", title="Mieszkania", regions=["lubelskie"], sectors=["housing"])
    return org


def parsed(content):
    """libhxl's reading of CSV bytes (no error or warning under its default schema): the dataset and its
    rows by hashtag."""
    report = hxl.validate(hxl.data(io.BytesIO(content)))
    # "info" notes (e.g. a possible numeric outlier in a tiny dataset) are statistics, not faults.
    assert report["stats"]["error"] == 0 and report["stats"]["warning"] == 0, json.dumps(report["issues"])[:1500]
    dataset = hxl.data(io.BytesIO(content))
    columns = [column.display_tag for column in dataset.columns]
    rows = [dict(zip(columns, row.values)) for row in dataset]
    return dataset, columns, rows


def header(content):
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def dated(response, stem, fmt):
    return response["Content-Disposition"] == (
        f'attachment; filename="{stem}-{timezone.localdate().isoformat()}.{fmt}"')


def test_coverage_csv_loads_in_hxl_with_names_iso_and_teryt(client, data):
    response = client.get("/en/coverage.csv", {"scope": "based"})
    assert response.status_code == 200 and dated(response, "coverage", "csv")
    dataset, columns, rows = parsed(response.content)
    assert {"#adm1+name", "#adm1+code+iso", "#adm1+code+teryt", "#sector+code", "#sector+name", "#org+num"} <= set(
        columns)
    assert len(rows) == 256
    cell = next(r for r in rows if r["#adm1+code+iso"] == "PL-06" and r["#sector+code"] == "housing")
    assert (cell["#adm1+name"], cell["#adm1+code+teryt"], cell["#sector+name"], cell["#org+num"]) == (
        "Lublin", "06", "Housing", "1")
    assert cell["#indicator+gap"] == "0"  # 1/0, never Python's True/False
    assert all(r["#indicator+gap"] in ("0", "1") for r in rows)
    # In Ukrainian the names follow the reader; the codes do not change.
    uk_rows = parsed(client.get("/uk/coverage.csv", {"scope": "based"}).content)[2]
    uk_cell = next(r for r in uk_rows if r["#adm1+code+iso"] == "PL-06" and r["#sector+code"] == "housing")
    assert uk_cell["#adm1+name"] == "Люблінське" and uk_cell["#org+num"] == "1"


def test_coverage_json_gives_the_same_fields(client, data):
    csv_columns = header(client.get("/en/coverage.csv").content)
    response = client.get("/en/coverage.json", {"target_group": "women"})
    assert dated(response, "coverage", "json")
    body = response.json()
    assert list(body["cells"][0]) == csv_columns and list(body["hxl"]) == csv_columns
    assert body["scope"] == "serving" and body["filters"] == {"target_group": ["women"], "language": []}
    assert body["hxl"]["voivodeship_iso"] == "#adm1+code+iso"


def test_needs_and_offers_download(client, data):
    response = client.get(reverse("directory:items_download", args=["csv"]), {"kind": "need"})
    assert response.status_code == 200 and dated(response, "needs-offers", "csv")
    _dataset, columns, rows = parsed(response.content)
    assert {"#org+name", "#adm1+code+iso+list", "#adm1+code+teryt+list", "#sector+code+list"} <= set(columns)
    assert [(r["#service+name"], r["#org+name"], r["#adm1+code+iso+list"], r["#adm1+code+teryt+list"])
            for r in rows] == [("Mieszkania", "Fundacja Lubelska", "PL-06", "06")]
    body = client.get(reverse("directory:items_download", args=["json"]), {"kind": "need"}).json()
    assert list(body["items"][0]) == header(response.content)
    assert body["items"][0]["voivodeship_iso"] == "PL-06"


def test_directory_export_has_the_hxl_row_and_reimports_unchanged(client, data, secretariat_user):
    client.force_login(secretariat_user)
    with translation.override("en"):
        response = client.get("/en" + reverse("directory:export", args=["csv"])[3:])
    assert response.status_code == 200 and dated(response, "organisations", "csv")
    _dataset, columns, rows = parsed(response.content)
    assert {"#org+name", "#adm1+name", "#adm1+code+iso", "#adm1+code+teryt", "#sector+code+list"} <= set(columns)
    lublin = next(r for r in rows if r["#org+name"] == "Fundacja Lubelska")
    assert (lublin["#adm1+name"], lublin["#adm1+code+iso"], lublin["#adm1+code+teryt"]) == ("Lublin", "PL-06", "06")
    body = client.get("/en" + reverse("directory:export", args=["json"])[3:]).json()
    assert list(body["organisations"][0]) == header(response.content) and list(body["hxl"]) == header(response.content)
    assert {"Fundacja Lubelska": "PL-06"}.items() <= {o["name"]: o["voivodeship_iso"] for o in body["organisations"]}.items()
    again = import_organisations(response.content, filename="export.csv")
    assert (again.created, again.updated, again.rejected) == (0, 0, 0) and again.unchanged == 2
