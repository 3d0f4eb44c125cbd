"""Reach: one listing of every position, the home page, the API and its schema, the Atom feed, digests,
and the publication workflow (only the Secretariat publishes)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from digests.models import KINDS
from positions.actions import sign
from positions.digest import digest_items
from positions.factories import PositionPageFactory, publish
from positions.models import PositionPage

pytestmark = pytest.mark.django_db


def test_the_listing_gathers_group_and_secretariat_positions(client, world, group_position, secretariat_position):
    draft = PositionPageFactory(parent=world.index, title="Szkic bez konsultacji", slug="szkic")
    publish(draft)
    sign(world.manager, secretariat_position, world.org.pk)
    html = client.get(world.index.url).content.decode()
    assert "Edukacja dzieci z Ukrainy" in html and "Apel o dostęp do mieszkań" in html
    # Each position says whose it is: the working group's, or the Secretariat's.
    with translation.override("pl"):
        secretariat = gettext("Forum Secretariat")
    assert re.search(r"Edukacja dzieci z Ukrainy</a></h2>\s*<p class=\"meta\">[^<]* · Edukacja · ", html)
    assert re.search(rf"Apel o dostęp do mieszkań</a></h2>\s*<p class=\"meta\">[^<]* · {secretariat} · ", html)
    signing = client.get(world.index.url + "?status=signing").content.decode()
    assert "Apel o dostęp do mieszkań" in signing and "Edukacja dzieci z Ukrainy" not in signing
    assert client.get(world.index.url + "?status=%00bad").status_code == 200


def test_the_home_page_shows_open_positions(client, world, group_position, secretariat_position):
    html = client.get("/pl/").content.decode()
    assert "Edukacja dzieci z Ukrainy" in html and "Apel o dostęp do mieszkań" in html


def test_the_api_lists_positions_with_status_deadline_signatories_and_links(client, world, group_position,
                                                                          secretariat_position):
    sign(world.manager, secretariat_position, world.org.pk)
    data = client.get("/api/v1/positions?lang=pl").json()
    by_title = {item["title"]: item for item in data["results"]}
    appeal = by_title["Apel o dostęp do mieszkań"]
    assert appeal["status"] == "signing" and appeal["signatories_count"] == 1 and appeal["kind"] == "appeal"
    assert appeal["deadline"] == secretariat_position.signing_closes_at.isoformat()
    assert appeal["links"]["page"].endswith(secretariat_position.url)
    assert appeal["links"]["feed"].endswith("/feed/atom/")
    assert by_title["Edukacja dzieci z Ukrainy"]["status"] == "consultation"
    only = client.get("/api/v1/positions?lang=pl&status=consultation").json()["results"]
    assert [item["title"] for item in only] == ["Edukacja dzieci z Ukrainy"]
    detail = client.get(f"/api/v1/positions/{secretariat_position.pk}").json()
    assert detail["signatories_count"] == 1
    assert "signed_by" not in str(detail) and "manager@example.org" not in str(detail)
    assert client.get("/api/v1/positions/999999999").status_code == 404


def test_the_openapi_schema_describes_positions(client):
    schema = client.get("/api/v1/schema", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/positions" in schema and "signatories_count" in schema


def test_the_atom_feed_lists_public_positions(client, world, group_position, secretariat_position):
    response = client.get(world.index.url + "feed/atom/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Apel o dostęp do mieszkań" in body and "Edukacja dzieci z Ukrainy" in body


def test_digests_announce_openings_once_per_phase(world, group_position, secretariat_position):
    now = timezone.now()
    items = digest_items(now - datetime.timedelta(hours=1), now + datetime.timedelta(seconds=1))
    assert {(item.kind, item.texts["pl"].title) for item in items} == {
        ("positions", "Edukacja dzieci z Ukrainy"), ("positions", "Apel o dostęp do mieszkań")}
    publish(secretariat_position)  # republishing opens nothing new
    again = digest_items(now - datetime.timedelta(hours=1), timezone.now() + datetime.timedelta(seconds=1))
    assert len(again) == 2
    assert digest_items(now + datetime.timedelta(hours=1), now + datetime.timedelta(hours=2)) == []


def test_positions_are_a_digest_kind_subscribers_choose():
    assert "positions" in dict(KINDS)


def test_a_coordinator_submits_but_does_not_publish_a_position(client, world):
    position = PositionPageFactory(parent=world.group, title="Projekt grupy", slug="projekt", live=False)
    assert position.get_workflow() is not None
    client.force_login(world.coordinator)
    edit = reverse("wagtailadmin_pages:edit", args=[position.pk])
    html = client.get(edit).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    data = {"title": "Projekt grupy", "slug": "projekt", "kind": "statement", "phase": "draft",
            "text-count": "0", "action-publish": "1"}
    client.post(edit, data)
    assert not PositionPage.objects.get(pk=position.pk).live
    client.force_login(world.secretariat)
    assert 'name="action-publish"' in client.get(edit).content.decode()
