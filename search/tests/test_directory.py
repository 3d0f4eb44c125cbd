"""Organisations: found by name, description and city in any spelling; facets; no private contact."""

import pytest

from search import indexing
from search.engines import SearchRequest, search

from .helpers import titles

pytestmark = pytest.mark.django_db



def test_organisations(engine, organisation_factory):
    organisation_factory(title="Fundacja Dom we Lwowie", city="Przemyśl",
                         description="Schronienie dla rodzin z Charkowa i Kijowa.",
                         contact_name="Zofia Tajemnicza", sectors=["housing"], regions_served=["podkarpackie"])
    organisation_factory(title="Stowarzyszenie Prawnicy", city="Lublin",
                         description="Porady prawne dla uchodźców.", sectors=["legal-aid"])
    indexing.rebuild()

    assert titles("Lviv") == ["Fundacja Dom we Lwowie"]
    assert titles("Kharkiv") == ["Fundacja Dom we Lwowie"]
    assert titles("porada prawna") == ["Stowarzyszenie Prawnicy"]
    assert titles("", voivodeship=["podkarpackie"]) == ["Fundacja Dom we Lwowie"]
    assert titles("Tajemnicza") == []  # the contact person is not public
    results = search(SearchRequest(filters={"kind": ["organisation"]}))
    assert dict(results.facets["sector"]) == {"housing": 1, "legal-aid": 1}
