"""The Secretariat recommends innovations for scaling and exports the list (CSV with HXL, JSON);
the open API and its schema."""

import csv
import io

import pytest
from django.urls import reverse

from innovations.factories import InnovationPageFactory
from innovations.models import ScalingRecommendation

pytestmark = pytest.mark.django_db


def recommend(client, world, **data):
    return client.post(reverse("innovations:recommend", args=[world.innovation.pk]), data)


@pytest.mark.parametrize("person", ["member_a", "manager_a", "member_b", "outsider"])
def test_only_the_secretariat_recommends(client, world, person):
    client.force_login(getattr(world, person))
    assert recommend(client, world).status_code == 403
    assert "Rekomenduj do skalowania" not in client.get(world.innovation.url).content.decode()
    assert not ScalingRecommendation.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    assert recommend(client, world).status_code == 302
    assert client.get(reverse("innovations:export", args=["csv"])).status_code == 302
    assert not ScalingRecommendation.objects.exists()


def test_the_secretariat_recommends_from_the_page_and_withdraws(client, three_languages):
    w = three_languages
    client.force_login(w.secretary)
    assert "Rekomenduj do skalowania" in client.get(w.innovation.url).content.decode()
    # From a translation's page: the recommendation is the item's (its original page).
    response = client.post(reverse("innovations:recommend", args=[w.innovation_uk.pk]), {"note": "Dobre wyniki"})
    assert response.status_code == 302
    recommendation = ScalingRecommendation.objects.get()
    assert recommendation.innovation.pk == w.innovation.pk and recommendation.recommended_by == w.secretary
    recommend(client, w)  # twice: still one
    assert ScalingRecommendation.objects.count() == 1
    for url in (w.innovation.url, w.innovation_en.url):
        assert "badge recommended" in client.get(url).content.decode()
    assert "badge recommended" in client.get(w.catalogue.url).content.decode()
    recommend(client, w, withdraw="1")
    assert not ScalingRecommendation.objects.exists()


@pytest.mark.parametrize("note", ["a\x00b", "x" * 2001])
def test_a_hostile_reason_is_refused_and_nothing_is_saved(client, world, note):
    client.force_login(world.secretary)
    response = recommend(client, world, note=note)
    assert response.status_code == 302
    assert any("2000" in str(m) for m in response.wsgi_request._messages)
    assert not ScalingRecommendation.objects.exists()


@pytest.mark.parametrize("person", ["member_a", "manager_b", "outsider"])
def test_others_cannot_export(client, world, person):
    client.force_login(getattr(world, person))
    for fmt in ("csv", "json"):
        assert client.get(reverse("innovations:export", args=[fmt])).status_code == 403


def test_the_export_has_the_hxl_row_and_only_recommended_innovations(client, three_languages):
    w = three_languages
    w.innovation.summary = "=HYPERLINK(\"http://evil\")"
    w.innovation.save_revision().publish()
    ScalingRecommendation.objects.create(innovation=w.innovation, note="Gotowa do skalowania")
    client.force_login(w.secretary)
    response = client.get(reverse("innovations:export", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, hxl, *records = rows
    assert header[:4] == ["id", "title", "summary", "organisation"]
    assert all(tag.startswith("#") for tag in hxl) and hxl[1] == "#activity+name"
    assert len(records) == 1
    record = dict(zip(header, records[0]))
    assert record["title"] == "Klub pracy dla kobiet" and record["stage"] == "proven"
    assert record["summary"].startswith("'=")  # a formula is neutralised
    assert record["voivodeships"] == "malopolskie" and record["sectors"] == "employment"
    assert "anna@example.org" not in response.content.decode()  # no contact person
    data = client.get("/en" + reverse("innovations:export", args=["json"])[3:]).json()
    assert [item["title"] for item in data["innovations"]] == ["Job club for women"]
    assert data["innovations"][0]["recommendation_note"] == "Gotowa do skalowania"


def test_the_api_lists_published_innovations_in_the_requested_language(client, three_languages):
    w = three_languages
    ScalingRecommendation.objects.create(innovation=w.innovation)
    data = client.get("/api/v1/innovations", {"lang": "uk"}).json()
    assert data["count"] == 2
    club = next(item for item in data["results"] if item["id"] == w.innovation.pk)
    assert club["title"] == "Клуб роботи для жінок" and club["language"] == "uk" and club["recommended"] is True
    assert club["stage"] == "proven" and club["sectors"] == ["employment"]
    assert club["organisation"] == {"id": w.org_a.pk, "name": "Fundacja Autorka"}
    assert "contact_email" not in club and "contact_name" not in club
    assert client.get("/api/v1/innovations", {"recommended": "true"}).json()["count"] == 1
    assert client.get("/api/v1/innovations", {"stage": "idea"}).json()["count"] == 1
    detail = client.get(f"/api/v1/innovations/{w.innovation_en.pk}", {"lang": "pl"}).json()
    assert detail["title"] == "Klub pracy dla kobiet" and detail["id"] == w.innovation.pk
    assert client.get("/api/v1/innovations/0").status_code == 404


def test_drafts_never_reach_the_api(client, world):
    draft = InnovationPageFactory(parent=world.catalogue, title="Szkic", slug="szkic", live=False)
    assert client.get(f"/api/v1/innovations/{draft.pk}").status_code == 404
    assert [item["title"] for item in client.get("/api/v1/innovations").json()["results"]] == ["Klub pracy dla kobiet"]


def test_openapi_schema_describes_the_innovations(client):
    schema = client.get("/api/v1/schema", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/innovations"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "lang", "stage", "sector", "target_group", "region",
                                                             "cost", "recommended", "page"}
    assert "/api/v1/innovations/{id}" in schema["paths"]
