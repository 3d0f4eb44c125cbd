"""Organisations: found by name, description and city in any spelling; facets; no private contact."""

import pytest

from search import indexing
from search.engines import SearchRequest, search

from .helpers import titles

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["elasticsearch", "database"])
def engine(request):
    request.getfixturevalue("es" if request.param == "elasticsearch" else "no_es")
    return request.param


def test_organisations(engine, home_page):
    from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory

    directory = DirectoryIndexPageFactory(parent=home_page)
    OrganisationPageFactory(parent=directory, title="Fundacja Dom we Lwowie", city="Przemyśl",
                            description="Schronienie dla rodzin z Charkowa i Kijowa.",
                            contact_name="Zofia Tajemnicza", sectors=["housing"], regions_served=["podkarpackie"])
    OrganisationPageFactory(parent=directory, title="Stowarzyszenie Prawnicy", city="Lublin",
                            description="Porady prawne dla uchodźców.", sectors=["legal-aid"])
    indexing.rebuild()

    assert titles("Lviv") == ["Fundacja Dom we Lwowie"]
    assert titles("Kharkiv") == ["Fundacja Dom we Lwowie"]
    assert titles("porada prawna") == ["Stowarzyszenie Prawnicy"]
    assert titles("", voivodeship=["podkarpackie"]) == ["Fundacja Dom we Lwowie"]
    assert titles("Tajemnicza") == []  # the contact person is not public
    results = search(SearchRequest(filters={"kind": ["organisation"]}))
    assert dict(results.facets["sector"]) == {"housing": 1, "legal-aid": 1}
