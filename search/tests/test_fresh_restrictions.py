"""Search never shows what a restriction written without signals hides.

Search entries (the database copy and Elasticsearch's documents) store their audience when
they are indexed; a view restriction written with `PageViewRestriction.objects.bulk_create`
(a data migration, an import) reindexes nothing. Each entry also knows the tree paths of its
pages, and every search leaves out the entries under a path hidden from the reader by the
restrictions read with the request: the page, the API and autocomplete drop a bulk-restricted
news item, the items of a bulk-restricted section, and the needs of a bulk-restricted
organisation at once, on both engines, while a reader who passes the restriction finds them.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from directory.factories import SupportItemFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory
from search import indexing

pytestmark = pytest.mark.django_db


def _restrict(page):
    """A login restriction written as a data migration would: no signal, nothing reindexed."""
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=page.pk), restriction_type=PageViewRestriction.LOGIN)])


def _found(client, words):
    """Titles found for `words` by the search page, the API and autocomplete (one set each)."""
    page = client.get("/pl/search/", {"q": words})
    assert page.status_code == 200
    on_page = {hit.title for hit in page.context["results"].hits} if page.context.get("results") else set()
    api = {hit["title"] for hit in client.get("/api/v1/search", {"q": words}).json()["results"]}
    typed = {item["title"] for item in client.get("/api/v1/search/autocomplete", {"q": words}).json()["results"]}
    return on_page, api, typed


def test_bulk_restricted_pages_and_sections_leave_the_results_at_once(engine, client, home_pages, user_factory):
    section = NewsIndexPageFactory(parent=home_pages["pl"], slug="komunikaty", title="Komunikaty")
    secret = NewsPageFactory(parent=section, slug="zebranie", title="Zebranie koordynacyjne Przemyśl")
    other = NewsPageFactory(parent=section, slug="zbiorka", title="Zbiórka koordynacyjna Przemyśl")
    indexing.rebuild()
    both = {secret.title, other.title}
    assert _found(client, "koordynacyjne Przemyśl")[1] >= {secret.title}
    assert all(found == both for found in _found(client, "Przemyśl"))

    _restrict(secret)
    assert all(found == {other.title} for found in _found(client, "Przemyśl")), engine
    _restrict(section)
    assert all(found == set() for found in _found(client, "Przemyśl")), engine

    client.force_login(user_factory())
    assert all(found == both for found in _found(client, "Przemyśl")), engine


def test_needs_of_a_bulk_restricted_organisation_leave_the_results(engine, client, organisation_factory,
                                                                   user_factory):
    organisation = organisation_factory(title="Fundacja Otwarte Drzwi")
    SupportItemFactory(organisation=organisation, title="Tłumacz języka ukraińskiego w urzędzie")
    indexing.rebuild()
    assert _found(client, "tłumacz")[1] == {"Tłumacz języka ukraińskiego w urzędzie"}

    _restrict(organisation)
    assert all(found == set() for found in _found(client, "tłumacz")), engine
    assert all(found == set() for found in _found(client, "Otwarte Drzwi")), engine
    client.force_login(user_factory())
    assert _found(client, "tłumacz")[1] == {"Tłumacz języka ukraińskiego w urzędzie"}
