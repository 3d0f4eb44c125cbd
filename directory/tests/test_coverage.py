"""The coverage matrix on a known dataset: exact counts, gaps, overlaps, needs layer, downloads, queries."""

import csv
import io

import pytest
from django.urls import reverse

from directory.coverage import coverage
from directory.factories import SupportItemFactory
from directory.models import CoverageSettings
from home.models import Voivodeship

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(organisation_factory, directory):
    CoverageSettings.objects.update_or_create(pk=CoverageSettings.load().pk, defaults={"overlap_threshold": 2})
    a = organisation_factory(title="A", voivodeship=_v("lubelskie"), sectors=["housing"], target_groups=["women"])
    organisation_factory(title="B", voivodeship=_v("mazowieckie"), regions_served=["lubelskie"],
                         sectors=["housing", "legal-aid"], target_groups=["women"], languages=["uk"])
    organisation_factory(title="C", voivodeship=_v("slaskie"), nationwide=True, sectors=["legal-aid"])
    organisation_factory(title="Szkic", voivodeship=_v("opolskie"), sectors=["culture"], live=False)
    SupportItemFactory(organisation=a, kind="need", regions=["podlaskie"], sectors=["housing"])
    SupportItemFactory(organisation=a, kind="need", regions=["lubelskie"], sectors=["housing"])
    SupportItemFactory(organisation=a, kind="offer", regions=["lubelskie"], sectors=["housing"])


def _v(code):
    return Voivodeship.objects.get(code=code)


def test_counts_gaps_overlaps(known):
    result = coverage(threshold=2, with_needs=True)
    assert result.count("lubelskie", "housing") == 2  # A's seat, B's region
    assert result.count("mazowieckie", "housing") == 1  # B's seat
    assert result.count("opolskie", "legal-aid") == 1  # C nationwide
    assert result.count("lubelskie", "legal-aid") == 2  # B region + C nationwide
    assert result.is_gap("opolskie", "culture")  # the draft does not count
    assert result.is_gap("podlaskie", "housing")
    assert ("lubelskie", "housing") in result.overlaps  # A and B both serve women there
    assert ("lubelskie", "legal-aid") not in result.overlaps
    assert result.needs == {("podlaskie", "housing"): 1, ("lubelskie", "housing"): 1}
    assert result.is_unmet("podlaskie", "housing") and not result.is_unmet("lubelskie", "housing")
    gaps = sum(1 for code, _l in result.voivodeships for s, _sl in result.sectors if result.is_gap(code, s))
    assert gaps == 16 * 16 - (2 + 16)  # housing: lubelskie, mazowieckie; legal-aid: everywhere (C nationwide)


def test_scopes_keep_nationwide_organisations_apart(known):
    serving = coverage(scope="serving")
    assert serving.count("lubelskie", "legal-aid") == 1 and serving.count("opolskie", "legal-aid") == 0  # no C
    assert serving.nationwide == 1
    assert serving.totals_for(None) == {**{code: 0 for code, _l in serving.voivodeships},
                                        "lubelskie": 2, "mazowieckie": 1}  # each organisation once
    based = coverage(scope="based")
    assert based.count("lubelskie", "housing") == 1 and based.count("slaskie", "legal-aid") == 1  # A; C's seat
    assert coverage(scope="nationwide").count("opolskie", "legal-aid") == 1
    assert coverage(scope="all").totals_for(None)["lubelskie"] == 3


def test_filters(known):
    assert coverage(target_groups=["women"]).count("lubelskie", "housing") == 2
    assert coverage(languages=["uk"]).count("lubelskie", "housing") == 1
    assert coverage(target_groups=["roma"]).counts == {}


def test_page_and_downloads(client, known, django_assert_max_num_queries):
    client.get(reverse("directory:coverage"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("directory:coverage"), {"sector": "housing", "layer": "needs",
                                                              "target_group": "women"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "?region=lubelskie&amp;sector=housing" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/pl/coverage.csv").content.decode("utf-8-sig"))))
    assert rows[0]["voivodeship"].startswith("#adm1")  # the HXL hashtag row
    rows = rows[1:]
    assert len(rows) == 256
    cell = next(r for r in rows if r["voivodeship"] == "lubelskie" and r["sector"] == "housing")
    assert cell["organisations"] == "2" and cell["overlap"] == "1"
    data = client.get("/pl/coverage.json").json()
    cell = next(c for c in data["cells"] if c["voivodeship"] == "podlaskie" and c["sector"] == "housing")
    assert cell["gap"] and cell["needs"] == 1 and cell["unmet"]
