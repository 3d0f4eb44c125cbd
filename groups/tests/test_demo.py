"""The demo content loads twice without creating anything new, and every demo page renders."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from groups.models import ActionItem, GroupMembership, MeetingPage, WorkingGroupPage

pytestmark = pytest.mark.django_db


def test_demo_loads_idempotently_and_renders(client, home_pages):
    call_command("load_demo_data", only=["home", "directory", "groups"], stdout=open("/dev/null", "w"))
    counts = (Page.objects.count(), ActionItem.objects.count(), GroupMembership.objects.count())
    call_command("load_demo_data", only=["home", "directory", "groups"], stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), ActionItem.objects.count(), GroupMembership.objects.count()) == counts
    assert WorkingGroupPage.objects.filter(locale__language_code="uk").count() == 4
    assert MeetingPage.objects.upcoming().exists() and MeetingPage.objects.past().exists()
    pages = Page.objects.type(WorkingGroupPage, MeetingPage).live().filter(locale__language_code="uk").specific()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    assert WorkingGroupPage.objects.get(slug="edukacja", locale__language_code="pl").leads.count() == 2
    # The home page shows the next meetings.
    assert "Egzaminy ósmoklasisty" in client.get("/pl/").content.decode()
    # Members-only notes stay hidden from visitors.
    html = client.get(WorkingGroupPage.objects.get(slug="edukacja", locale__language_code="en").url).content.decode()
    assert "internal notes" not in html
