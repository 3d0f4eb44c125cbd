"""The open data API: public fields only, published only, filters, languages, schema."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(organisation_factory, home_pages):
    from directory.translation import set_descriptions

    a = organisation_factory(title="Alfa", sectors=["housing"], contact_name="Tajna Osoba",
                             contact_email="tajna@example.org", regions_served=["lubelskie"])
    set_descriptions(a, {"uk": "Опис Альфа"})
    b = organisation_factory(title="Beta", sectors=["legal-aid"], nationwide=True, languages=["uk"])
    organisation_factory(title="Szkic", sectors=["housing"], live=False)
    return a, b


def test_list_and_filters(client, orgs, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/organisations").json()
    assert body["count"] == 2 and [o["name"] for o in body["results"]] == ["Alfa", "Beta"]
    text = str(body)
    assert "Tajna" not in text and "tajna@example.org" not in text and "Szkic" not in text
    assert body["results"][0]["sectors"] == ["housing"]
    assert [o["name"] for o in client.get("/api/v1/organisations?sector=legal-aid").json()["results"]] == ["Beta"]
    assert client.get("/api/v1/organisations?region=lubelskie").json()["count"] == 2
    assert client.get("/api/v1/organisations?q=alf").json()["count"] == 1
    uk = client.get("/api/v1/organisations?lang=uk&sector=housing").json()["results"][0]
    assert uk["description"] == "Опис Альфа" and uk["language"] == "uk"


def test_detail(client, orgs):
    alfa, _beta = orgs
    body = client.get(f"/api/v1/organisations/{alfa.pk}").json()
    assert body["name"] == "Alfa" and "contact_name" not in body
    draft = client.get("/api/v1/organisations").json()
    # (An API 404 is turned into a redirect to /pl/… by LocaleMiddleware; that path is a 404 too.)
    assert client.get("/api/v1/organisations/999999", follow=True).status_code == 404
    assert draft


def test_drafts_are_not_served(client, orgs):
    from directory.models import OrganisationPage

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
