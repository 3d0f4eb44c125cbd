"""The groups' open data API: public groups and meetings only, no private data, in the OpenAPI schema."""

import datetime

import pytest
from django.utils import timezone

from groups.factories import MeetingIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import GroupLead, WorkingGroupPage
from groups.visibility import restrict_to_members, restrict_to_registered
from home.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(group_index, group, organisation, home_page):
    group.sectors.set(Sector.objects.filter(code="education"))
    group.save()
    GroupLead.objects.create(group=group, organisation=organisation, role=GroupLead.Role.LEAD)
    closed = WorkingGroupPageFactory(parent=group_index, title="Zamknięta", slug="zamknieta")
    restrict_to_members(closed, closed)
    archived = WorkingGroupPageFactory(parent=group_index, title="Archiwalna", slug="archiwalna",
                                       status=WorkingGroupPage.Status.ARCHIVED)
    soon = timezone.now() + datetime.timedelta(days=3)
    public_meeting = MeetingPageFactory(parent=group, slug="otwarte", title="Otwarte spotkanie", start=soon,
                                        online_url="https://meet.example.org/secret", mode="hybrid",
                                        address="ul. Długa 1, Warszawa")
    members_meeting = MeetingPageFactory(parent=group, slug="dla-czlonkow", title="Dla członków", start=soon)
    restrict_to_members(members_meeting, group)
    registered = MeetingPageFactory(parent=group, slug="dla-zalogowanych", title="Dla zalogowanych", start=soon)
    restrict_to_registered(registered)
    forum = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home_page), slug="plenarne",
                               title="Plenarne", start=soon + datetime.timedelta(days=1))
    past = MeetingPageFactory(parent=group, slug="dawne", title="Dawne",
                              start=timezone.now() - datetime.timedelta(days=30))
    return {"closed": closed, "archived": archived, "public": public_meeting, "forum": forum, "past": past}


def test_groups_list_shows_public_groups_only(client, dataset, group, organisation, user_factory, django_assert_max_num_queries):
    client.force_login(user_factory(is_superuser=True))  # whoever asks, the API is public data only
    with django_assert_max_num_queries(12) as few:
        body = client.get("/api/v1/groups").json()
    for n in range(5):
        WorkingGroupPageFactory(parent=group.get_parent(), title=f"Zz {n}", slug=f"zz-{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/groups").json()["count"] == 7
    assert [g["title"] for g in body["results"]] == ["Archiwalna", "Edukacja"]
    edukacja = body["results"][1]
    assert edukacja["sectors"] == ["education"] and edukacja["language"] == "pl"
    assert edukacja["leads"] == [{"organisation_id": organisation.pk, "name": "Fundacja Ocalenie", "role": "lead"}]
    assert edukacja["url"].endswith("/edukacja/")
    assert [g["title"] for g in client.get("/api/v1/groups?status=active").json()["results"]][:1] == ["Edukacja"]
    assert [g["title"] for g in client.get("/api/v1/groups?sector=education").json()["results"]] == ["Edukacja"]
    assert client.get("/api/v1/groups?lang=uk").json()["count"] == 0
    assert client.get(f"/api/v1/groups/{group.pk}").json()["title"] == "Edukacja"
    assert client.get(f"/api/v1/groups/{dataset['closed'].pk}", follow=True).status_code == 404


def test_meetings_list_hides_restricted_meetings_and_online_links(client, dataset, group):
    body = client.get("/api/v1/meetings").json()
    assert [m["title"] for m in body["results"]] == ["Otwarte spotkanie", "Plenarne"]
    meeting = body["results"][0]
    assert meeting["group_id"] == group.pk and body["results"][1]["group_id"] is None
    assert meeting["address"] == "ul. Długa 1, Warszawa" and meeting["mode"] == "hybrid"
    assert "secret" not in str(body) and "online_url" not in meeting
    assert meeting["start"].endswith(("+01:00", "+02:00"))  # Europe/Warsaw offset
    assert [m["title"] for m in client.get(f"/api/v1/meetings?group={group.pk}").json()["results"]] == [
        "Otwarte spotkanie"]
    assert [m["title"] for m in client.get("/api/v1/meetings?past=true").json()["results"]] == ["Dawne"]
    assert client.get("/api/v1/meetings?group=abc&past=maybe&lang=xx").status_code == 200
    # #17 item 8: "²" passed isdigit() and failed int(); a number beyond 64 bits is no group either.
    for value in ("²", "١", "99999999999999999999999"):
        response = client.get("/api/v1/meetings", {"group": value})
        assert response.status_code == 200, value
    assert client.get("/api/v1/meetings", {"group": "99999999999999999999999"}).json()["results"] == []


def test_schema_describes_the_groups_api(client):
    schema = client.get("/api/v1/schema?format=json").json()
    for path in ("/api/v1/groups", "/api/v1/groups/{id}", "/api/v1/meetings"):
        assert path in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/meetings"]["get"]["parameters"]}
    assert {"lang", "group", "past"} <= parameters
