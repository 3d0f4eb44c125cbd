"""Disjunctive facet counts on a known dataset: each facet counts its alternatives with the
other facets' filters applied, on both engines, and never counts what the reader may not open."""

import pytest
from django.http import QueryDict

from home.models import Voivodeship
from search import indexing
from search.engines import SearchRequest, search
from search.service import filters_from_params

pytestmark = pytest.mark.django_db



@pytest.fixture
def dataset(organisation_factory):
    """Four organisations (one members-only): sectors × seats known by heart."""
    from wagtail.models import PageViewRestriction

    def organisation(title, sectors, voivodeship):
        return organisation_factory(title=title, sectors=sectors, regions_served=[voivodeship],
                                    voivodeship=Voivodeship.objects.get(code=voivodeship))

    organisation("Dom Warszawa", ["housing"], "mazowieckie")
    organisation("Dom Lublin", ["housing"], "lubelskie")
    organisation("Szkoła Lublin", ["education"], "lubelskie")
    hidden = organisation("Tajny Lublin", ["education"], "lubelskie")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    indexing.rebuild()


def facets_of(**filters):
    results = search(SearchRequest(filters={"kind": ["organisation"], **filters}, page_size=50))
    assert not results.notice
    return results, {name: dict(results.facets.get(name, [])) for name in ("kind", "sector", "voivodeship")}


def test_each_facet_counts_its_alternatives(engine, dataset):
    results, facets = facets_of()
    assert results.count == 3
    assert facets["sector"] == {"housing": 2, "education": 1}
    assert facets["voivodeship"] == {"mazowieckie": 1, "lubelskie": 2}

    results, facets = facets_of(sector=["housing"])
    assert sorted(hit.title for hit in results.hits) == ["Dom Lublin", "Dom Warszawa"]
    assert facets["sector"] == {"housing": 2, "education": 1}  # the alternative keeps its count
    assert facets["voivodeship"] == {"mazowieckie": 1, "lubelskie": 1}  # narrowed by the sector
    assert facets["kind"] == {"organisation": 2}

    results, facets = facets_of(sector=["housing"], voivodeship=["lubelskie"])
    assert [hit.title for hit in results.hits] == ["Dom Lublin"]
    assert facets["sector"] == {"housing": 1, "education": 1}  # counted within lubelskie
    assert facets["voivodeship"] == {"mazowieckie": 1, "lubelskie": 1}  # counted within housing
    assert facets["kind"] == {"organisation": 1}

    # Two values of one facet are alternatives (OR); the other facet counts within both.
    results, facets = facets_of(sector=["housing", "education"], voivodeship=["lubelskie"])
    assert results.count == 2
    assert facets["sector"] == {"housing": 1, "education": 1}
    assert facets["voivodeship"] == {"mazowieckie": 1, "lubelskie": 2}


def test_year_filter_takes_ascii_digits_only():
    """str.isdigit() holds for "²²²²" and "١٢٣٤": Elasticsearch would reject them (a 400, then the fallback)."""
    assert filters_from_params(QueryDict("year=²²²²&year=١٢٣٤&year=2024")) == {"year": ["2024"]}
