"""The meetings and action items of a group's page, kept as rendered HTML (groups.meeting_sections),
show each reader what they may read, on the very next request after a restriction written without
signals, and move with the clock: a meeting that ends goes to the past ones, an item due today is
overdue tomorrow."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from groups.factories import MeetingPageFactory
from groups.models import ActionItem
from groups.visibility import restrict_to_members

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    settings.FRAME_CACHE = True


def _sections(client, group):
    """{section id: its text} of the group page's meeting and action-item sections."""
    response = client.get(group.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {name: (soup.find("section", attrs={"aria-labelledby": name}) or soup.new_tag("i")).get_text(" ")
            for name in ("upcoming", "action-items", "past")}


def _clock(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_members_only_meetings_are_listed_only_to_those_who_may_read_them(client, group, coordinator,
                                                                           user_factory):
    open_meeting = MeetingPageFactory(parent=group, slug="otwarte", title="Spotkanie otwarte")
    closed = MeetingPageFactory(parent=group, slug="zamkniete", title="Spotkanie zamknięte")
    ActionItem.objects.create(meeting=closed, what="Zadanie z zamkniętego")
    restrict_to_members(closed, group)
    client.force_login(coordinator)  # first: the sections are kept with the closed meeting in them
    seen = _sections(client, group)
    assert "Spotkanie zamknięte" in seen["upcoming"] and "Zadanie z zamkniętego" in seen["action-items"]
    for reader in (user_factory(), None):
        client.logout()
        if reader:
            client.force_login(reader)
        seen = _sections(client, group)
        assert open_meeting.title in seen["upcoming"]
        assert "Spotkanie zamknięte" not in seen["upcoming"]
        assert "Zadanie z zamkniętego" not in seen["action-items"]


def test_a_restriction_written_without_signals_hides_a_meeting_at_once(client, group, user_factory):
    meeting = MeetingPageFactory(parent=group, slug="spotkanie", title="Spotkanie w szkole")
    assert meeting.title in _sections(client, group)["upcoming"]  # kept for visitors
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=meeting.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert meeting.title not in _sections(client, group)["upcoming"]
    client.force_login(user_factory())
    assert meeting.title in _sections(client, group)["upcoming"]


def test_a_meeting_that_ends_moves_to_the_past_ones(client, group, monkeypatch):
    now = timezone.now()
    soon = MeetingPageFactory(parent=group, slug="zaraz", title="Spotkanie zaraz",
                              start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1))
    # A long meeting that started earlier is listed first but ends later.
    MeetingPageFactory(parent=group, slug="dlugie", title="Spotkanie długie",
                       start=now - datetime.timedelta(hours=2), end=now + datetime.timedelta(days=3))
    seen = _sections(client, group)
    assert soon.title in seen["upcoming"] and soon.title not in seen["past"]
    _clock(monkeypatch, now + datetime.timedelta(hours=2))
    seen = _sections(client, group)
    assert soon.title not in seen["upcoming"] and soon.title in seen["past"]
    assert "Spotkanie długie" in seen["upcoming"]


def test_an_action_item_due_today_is_overdue_tomorrow(client, group, monkeypatch):
    meeting = MeetingPageFactory(parent=group, slug="spotkanie", start=timezone.now() + datetime.timedelta(days=5),
                                 end=timezone.now() + datetime.timedelta(days=5, hours=2))
    ActionItem.objects.create(meeting=meeting, what="Zebrać dane", due=timezone.localdate())
    assert "po terminie" not in _sections(client, group)["action-items"]  # "overdue" in Polish
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    _clock(monkeypatch, tomorrow)
    text = _sections(client, group)["action-items"]
    assert "Zebrać dane" in text
    assert "po terminie" in text


def test_a_published_meeting_shows_on_the_next_request(client, group):
    MeetingPageFactory(parent=group, slug="pierwsze", title="Pierwsze spotkanie")
    assert "Pierwsze spotkanie" in _sections(client, group)["upcoming"]
    later = MeetingPageFactory(parent=group, slug="drugie", title="Drugie spotkanie", live=False)
    assert "Drugie spotkanie" not in _sections(client, group)["upcoming"]
    later.save_revision().publish()
    assert "Drugie spotkanie" in _sections(client, group)["upcoming"]


def test_the_kept_calendar_feed_follows_restrictions_and_publications(client, group, coordinator, user_factory):
    """The group's calendar feed is kept like the sections (groups.views.group_calendar): a restriction
    written without signals and a new meeting show on the next request; a reader who may read a
    members-only meeting gets it in the feed even after a visitor's feed was kept."""
    feed = f"/pl/groups/{group.pk}/calendar.ics"
    meeting = MeetingPageFactory(parent=group, slug="feed", title="Spotkanie w kalendarzu")
    closed = MeetingPageFactory(parent=group, slug="feed-zamkniete", title="Spotkanie zamkniete")
    restrict_to_members(closed, group)
    assert b"Spotkanie w kalendarzu" in client.get(feed).content  # kept for visitors
    assert b"Spotkanie zamkniete" not in client.get(feed).content
    client.force_login(coordinator)
    assert b"Spotkanie zamkniete" in client.get(feed).content
    client.logout()
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=meeting.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert b"Spotkanie w kalendarzu" not in client.get(feed).content
    client.force_login(user_factory())
    assert b"Spotkanie w kalendarzu" in client.get(feed).content
    MeetingPageFactory(parent=group, slug="feed-nowe", title="Nowe spotkanie")
    assert b"Nowe spotkanie" in client.get(feed).content


def test_the_home_pages_upcoming_meetings_kept_per_hidden_paths(client, home_page, group, coordinator,
                                                                 user_factory):
    """Signed-in readers' "Upcoming meetings" on the home page are kept per the paths hidden from them
    (home.latest, SAME_FOR_SAME_HIDDEN_PATHS): a coordinator still gets the members-only meeting after
    another member's copy was kept, and a restriction written without signals hides a meeting from
    signed-in readers it refuses on the next request."""
    def upcoming():
        html = BeautifulSoup(client.get(home_page.url).content, "html.parser")
        return html.get_text(" ")

    MeetingPageFactory(parent=group, slug="otwarte", title="Spotkanie otwarte")
    closed = MeetingPageFactory(parent=group, slug="zamkniete", title="Spotkanie zamknięte")
    restrict_to_members(closed, group)
    client.force_login(user_factory())
    assert "Spotkanie otwarte" in upcoming() and "Spotkanie zamknięte" not in upcoming()  # kept for them
    client.force_login(coordinator)
    assert "Spotkanie otwarte" in upcoming() and "Spotkanie zamknięte" in upcoming()
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=group.pk), restriction_type=PageViewRestriction.PASSWORD,
                            password="tajne")])
    assert "Spotkanie otwarte" not in upcoming()


def test_a_meetings_kept_records_follow_publications_files_and_the_day(client, group, monkeypatch):
    """The minutes, files and action items of a meeting's page are kept for every reader (MeetingPage.records)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from groups.models import MeetingAttachment

    meeting = MeetingPageFactory(parent=group, slug="z-protokolem", minutes="<p>Pierwszy protokół</p>")
    item = ActionItem.objects.create(meeting=meeting, what="Zebrać dane", due=timezone.localdate())

    def records():
        soup = BeautifulSoup(client.get(meeting.url).content, "html.parser")
        return " ".join(section.get_text(" ") for section in soup.select("section[aria-labelledby]")
                        if section["aria-labelledby"] in ("minutes", "attachments", "action-items"))

    assert "Pierwszy protokół" in records() and "Zebrać dane" in records()  # the second one is kept
    meeting.minutes = "<p>Drugi protokół</p>"
    meeting.save_revision().publish()
    assert "Drugi protokół" in records()
    document = get_document_model()(title="Lista obecności")
    document.file.save("lista.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    MeetingAttachment.objects.create(page=meeting, document=document)
    assert "Lista obecności" in records()
    document.title = "Lista obecności (podpisana)"
    document.save()
    assert "Lista obecności (podpisana)" in records()
    item.what = "Zebrać dane z gmin"
    item.save()  # outside a publication
    assert "Zebrać dane z gmin" in records()
    assert "po terminie" not in records()
    _clock(monkeypatch, timezone.localtime() + datetime.timedelta(days=1))
    assert "po terminie" in records()


def test_a_meetings_preview_shows_its_unsaved_minutes(client, group):
    meeting = MeetingPageFactory(parent=group, slug="podglad", minutes="<p>Zapisany protokół</p>")
    client.get(meeting.url)  # kept
    meeting.minutes = "<p>Niezapisany protokół</p>"
    html = meeting.make_preview_request().content.decode()
    assert "Niezapisany protokół" in html and "Zapisany protokół" not in html
