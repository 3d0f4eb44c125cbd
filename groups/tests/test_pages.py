"""Working-group and meeting pages render, validate their input and stay bounded in SQL."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.factories import GroupContentPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import ActionItem, GroupLead, GroupSpace, MeetingPage
from groups.registration import register
from home.factories import StandardPageFactory
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db


def test_every_page_type_renders(client, group_index, group, meeting, meeting_index):
    content = GroupContentPageFactory(parent=group, title="Zasoby grupy", slug="zasoby")
    forum_meeting = MeetingPageFactory(parent=meeting_index, title="Spotkanie Forum", slug="forum")
    for page in (group_index, group, meeting, meeting_index, content, forum_meeting):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert html.count("<h1") == 1
        assert page.title in html
    assert "Spotkanie Forum" in client.get(meeting_index.url).content.decode()
    assert meeting.title in client.get(group.url).content.decode()


def test_hostile_text_is_escaped(client, group_index):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>\u202e'
    group = WorkingGroupPageFactory(parent=group_index, title=hostile, topic=hostile, slug="zla")
    html = client.get(group.url).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_translated_group_renders_in_ukrainian(client, group, meeting, home_pages):
    group_uk = ensure_translation(group, "uk", title="Освіта", topic="Доступ дітей до шкіл")
    response = client.get(group_uk.url)
    assert response.status_code == 200
    assert "Доступ дітей до шкіл" in response.content.decode()
    assert group_uk.canonical.pk == group.pk


def test_group_page_lists_open_action_items_until_done(client, group, meeting):
    ActionItem.objects.create(meeting=meeting, what="Zebrać dane o szkołach", who="UNHCR",
                              due=timezone.localdate() + datetime.timedelta(days=3))
    ActionItem.objects.create(meeting=meeting, what="Zadanie zamknięte", done=True)
    html = client.get(group.url).content.decode()
    assert "Zebrać dane o szkołach" in html
    assert "Zadanie zamknięte" not in html


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the first request of a session also writes the session: not the page's cost
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.fixture
def frame_queries(client, home_page):
    """Queries the site frame (menu, language switcher, footer, session) costs on a plain page."""
    page = StandardPageFactory(parent=home_page, slug="plain")
    _queries(client, page.url)  # warm per-process caches
    return lambda: _queries(client, page.url)


# Our own share of a page's queries; the frame's share is measured (home owns it).
OWN_QUERIES = 14


def test_group_index_queries_are_bounded(client, group_index, frame_queries):
    WorkingGroupPageFactory(parent=group_index, slug="g-first")
    few = _queries(client, group_index.url)
    for n in range(15):
        WorkingGroupPageFactory(parent=group_index, slug=f"g{n}")
    many = _queries(client, group_index.url)
    assert many == few
    assert many <= frame_queries() + OWN_QUERIES


def test_group_page_queries_are_bounded(client, group, frame_queries, user_factory):
    client.force_login(user_factory())
    first = MeetingPageFactory(parent=group, slug="m-first")
    ActionItem.objects.create(meeting=first, what="Pierwsze zadanie")
    few = _queries(client, group.url)
    for n in range(10):
        meeting = MeetingPageFactory(parent=group, slug=f"m{n}")
        ActionItem.objects.create(meeting=meeting, what=f"Zadanie {n}")
    many = _queries(client, group.url)
    assert many == few
    assert many <= frame_queries() + OWN_QUERIES


def test_meeting_page_queries_are_bounded(client, meeting, user_factory, frame_queries):
    meeting.capacity = 50
    meeting.save()
    client.force_login(user_factory())
    register(user_factory(), meeting)
    ActionItem.objects.create(meeting=meeting, what="Pierwsze zadanie")
    few = _queries(client, meeting.url)
    for _n in range(10):
        register(user_factory(), meeting)
    for n in range(10):
        ActionItem.objects.create(meeting=meeting, what=f"Zadanie {n}")
    many = _queries(client, meeting.url)
    assert many == few
    assert many <= frame_queries() + OWN_QUERIES


def _meeting(**fields):
    start = timezone.now() + datetime.timedelta(days=2)
    values = {"title": "Spotkanie", "slug": "s", "start": start, "end": start + datetime.timedelta(hours=1),
              "mode": MeetingPage.Mode.IN_PERSON, "address": "Warszawa"}
    values.update(fields)
    return MeetingPage(**values)


@pytest.mark.parametrize("fields, field", [
    ({"end": timezone.now()}, "end"),
    ({"mode": MeetingPage.Mode.ONLINE}, "online_url"),
    ({"mode": MeetingPage.Mode.HYBRID, "online_url": "https://meet.example.org/x", "address": " "}, "address"),
    ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1),
      "registration_closes_at": timezone.now()}, "registration_closes_at"),
    ({"registration_closes_at": timezone.now() + datetime.timedelta(days=30)}, "registration_closes_at"),
])
def test_meeting_validation(fields, field):
    with pytest.raises(ValidationError) as error:
        _meeting(**fields).clean()
    assert field in error.value.message_dict


def test_capacity_below_participants_is_refused(meeting, user_factory):
    register(user_factory(), meeting)
    register(user_factory(), meeting)
    meeting.refresh_from_db()
    meeting.capacity = 1
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "capacity" in error.value.message_dict
    assert MeetingPage.objects.get(pk=meeting.pk).capacity == 2


def test_creating_a_group_creates_its_space(group):
    space = GroupSpace.objects.get(translation_key=group.translation_key)
    assert space.coordinators.name.startswith("Koordynatorzy: Edukacja")
    assert space.collection.name == "Edukacja"
    assert space.coordinators.page_permissions.filter(page=group).count() == 5


def test_lead_organisations_in_the_readers_language(client, group_index, group, organisation):
    organisation_uk = ensure_translation(organisation, "uk", title="Фонд Порятунок")
    GroupLead.objects.create(group=group, organisation=organisation, role=GroupLead.Role.LEAD)
    assert "Fundacja Ocalenie" in client.get(group.url).content.decode()
    assert "Fundacja Ocalenie" in client.get(group_index.url).content.decode()
    ensure_translation(group_index, "uk", title="Робочі групи")
    group_uk = ensure_translation(group, "uk", title="Освіта", topic="Освіта")
    html = client.get(group_uk.url).content.decode()
    assert "Фонд Порятунок" in html and organisation_uk.url in html


def test_lead_organisations_follow_each_publication(client, group, organisation):
    """The group's facts are kept with the frame's values: a publication of the group or of a lead
    organisation shows on the next request."""
    group.leads.add(GroupLead(organisation=organisation, role=GroupLead.Role.LEAD))
    group.save_revision().publish()
    assert "Fundacja Ocalenie" in client.get(group.url).content.decode()
    organisation.title = "Fundacja Ocalenie Nowa"
    organisation.save_revision().publish()
    assert "Fundacja Ocalenie Nowa" in client.get(group.url).content.decode()
    group.leads.clear()
    group.save_revision().publish()
    assert "Fundacja Ocalenie" not in client.get(group.url).content.decode()


def test_a_preview_shows_the_unsaved_leads(client, group, organisation):
    client.get(group.url)  # the published facts, kept
    group.leads.add(GroupLead(organisation=organisation, role=GroupLead.Role.LEAD))  # in the editor, unsaved
    assert "Fundacja Ocalenie" in group.make_preview_request().render().content.decode()
    assert "Fundacja Ocalenie" not in client.get(group.url).content.decode()
