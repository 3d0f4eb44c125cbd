"""The open data API: public fields only, published only, filters, languages, schema."""

import pytest

from directory.models import OrganisationPage
from directory.translation import set_descriptions
from search import indexing

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(organisation_factory, home_pages):
    a = organisation_factory(title="Alfa", sectors=["housing"], contact_name="Tajna Osoba",
                             contact_email="tajna@example.org", regions_served=["lubelskie"])
    set_descriptions(a, {"uk": "Опис Альфа"})
    b = organisation_factory(title="Beta", sectors=["legal-aid"], nationwide=True, languages=["uk"])
    organisation_factory(title="Szkic", sectors=["housing"], live=False)
    return a, b


def test_list_and_filters(client, orgs, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        body = client.get("/api/v1/organisations").json()
    assert body["count"] == 2 and [o["name"] for o in body["results"]] == ["Alfa", "Beta"]
    text = str(body)
    assert "Tajna" not in text and "tajna@example.org" not in text and "Szkic" not in text
    assert body["results"][0]["sectors"] == ["housing"]
    assert [o["name"] for o in client.get("/api/v1/organisations?sector=legal-aid").json()["results"]] == ["Beta"]
    assert client.get("/api/v1/organisations?region=lubelskie").json()["count"] == 2
    uk = client.get("/api/v1/organisations?lang=uk&sector=housing").json()["results"][0]
    assert uk["description"] == "Опис Альфа" and uk["language"] == "uk"


def test_q_is_the_site_search(client, organisation_factory, home_pages):
    """`q` asks the search service (as the directory's keyword box): inflection, other scripts, typos;
    best match first."""
    organisation_factory(title="Fundacja Pomoc Prawna Lublin", city="Lublin", sectors=["legal-aid"],
                         description="Porady prawników.")
    organisation_factory(title="Szkoła w Lublinie", city="Lublin", sectors=["education"], description="Lekcje.")
    organisation_factory(title="Dom Kraków", city="Kraków", sectors=["housing"], description="Mieszkania.")
    indexing.rebuild()

    def names(query, **filters):
        return [o["name"] for o in client.get("/api/v1/organisations", {"q": query, **filters}).json()["results"]]

    assert names("pomocy prawnej") == ["Fundacja Pomoc Prawna Lublin"]
    assert names("Люблін")[:2] and set(names("Люблін")) == {"Fundacja Pomoc Prawna Lublin", "Szkoła w Lublinie"}
    assert names("prawna Lublin")[0] == "Fundacja Pomoc Prawna Lublin"  # both words first
    assert names("Lublin", sector="education") == ["Szkoła w Lublinie"]
    assert names("Krakow") == ["Dom Kraków"]


def test_detail(client, orgs):
    alfa, _beta = orgs
    body = client.get(f"/api/v1/organisations/{alfa.pk}").json()
    assert body["name"] == "Alfa" and "contact_name" not in body
    draft = client.get("/api/v1/organisations").json()
    # (An API 404 is turned into a redirect to /pl/… by LocaleMiddleware; that path is a 404 too.)
    assert client.get("/api/v1/organisations/999999", follow=True).status_code == 404
    assert draft


def test_drafts_are_not_served(client, orgs):
    draft = OrganisationPage.objects.get(title="Szkic")
    response = client.get(f"/api/v1/organisations/{draft.pk}", follow=True)
    assert response.status_code == 404 and "Szkic" not in response.content.decode()


def test_schema_describes_the_endpoints(client):
    schema = client.get("/api/v1/schema?format=json").json()
    assert "/api/v1/organisations" in schema["paths"] and "/api/v1/organisations/{id}" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v1/organisations"]["get"]["parameters"]}
    assert {"q", "lang", "sector", "region", "page"} <= names
    properties = schema["components"]["schemas"]["Organisation"]["properties"]
    assert "contact_name" not in properties and "nip" in properties


def test_list_reads_order_and_page_from_the_entries(client, home_pages, organisation_factory):
    """Name order, pages and counts come from the directory entries; SQL does not grow with the page size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(25):
        page = organisation_factory(title=f"Org {n:02d}", sectors=["housing", "education"],
                                    regions_served=["lubelskie"], languages=["uk"])
        if n % 5 == 0:
            set_descriptions(page, {"uk": f"Опис {n}"}, cities={"uk": "Люблін"})
    organisation_factory(title="Zzz", sectors=["culture"])
    counts = {}
    for size_query in ("", "&sector=housing&region=lubelskie"):
        for page_number in (1, 2):
            with CaptureQueriesContext(connection) as queries:
                body = client.get(f"/api/v1/organisations?lang=uk&page={page_number}{size_query}").json()
            counts[(size_query, page_number)] = len(queries)
            assert not any("wagtailcore_page" in q["sql"] and "ORDER BY" in q["sql"] and "LIMIT" in q["sql"]
                           for q in queries.captured_queries), "order and page must come from the entries"
    # count, ids, pages, translations, vocabularies (+ the site's root paths and locales on a first request).
    assert max(counts.values()) <= 7 and len(set(list(counts.values())[1:])) == 1, counts
    everything = client.get("/api/v1/organisations?page=2").json()
    assert everything["count"] == 26 and [o["name"] for o in everything["results"]] == ["Org 20", "Org 21", "Org 22",
                                                                                        "Org 23", "Org 24", "Zzz"]
    first = client.get("/api/v1/organisations?lang=uk&sector=housing").json()
    assert first["count"] == 25 and len(first["results"]) == 20
    assert (first["results"][0]["description"], first["results"][0]["city"]) == ("Опис 0", "Люблін")
    assert first["results"][0]["sectors"] == ["housing", "education"]
    assert first["results"][0]["regions_served"] == ["lubelskie"] and first["results"][0]["languages"] == ["uk"]
    assert client.get("/api/v1/organisations?page=3").status_code == 404
