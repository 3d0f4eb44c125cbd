"""Members-only and registered-only pages: readable by those allowed, absent everywhere else."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from accounts.roles import SECRETARIAT
from groups.factories import GroupContentPageFactory, MeetingPageFactory
from groups.membership import request_to_join
from core.access import can_view, visible_pages_for
from groups.visibility import restrict_to_members, restrict_to_registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(group):
    page = GroupContentPageFactory(parent=group, slug="tajne", title="Notatki tylko dla członków")
    restrict_to_members(page, group)
    return page


@pytest.fixture
def internal(group):
    page = GroupContentPageFactory(parent=group, slug="wewnetrzne", title="Dla zarejestrowanych")
    restrict_to_registered(page)
    return page


@pytest.fixture
def member(member_factory, group):
    user = member_factory()
    group.join_policy = "open"
    group.save()
    request_to_join(user, group)
    return user


def test_helper_follows_view_restrictions(secret, internal, member, user_factory, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    pages = Page.objects.filter(pk__in=[secret.pk, internal.pk])
    stranger = user_factory()
    editor = user_factory()
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    assert set(visible_pages_for(AnonymousUser(), pages)) == set()
    assert set(visible_pages_for(stranger, pages).values_list("pk", flat=True)) == {internal.pk}
    assert set(visible_pages_for(member, pages).values_list("pk", flat=True)) == {internal.pk, secret.pk}
    assert set(visible_pages_for(editor, pages).values_list("pk", flat=True)) == {internal.pk, secret.pk}
    assert not can_view(stranger, secret) and can_view(member, secret)


def test_members_only_page_is_hidden_everywhere(client, group, secret, member, user_factory):
    meeting = MeetingPageFactory(parent=secret.get_parent(), slug="zamkniete", title="Zamknięte spotkanie")
    restrict_to_members(meeting, group)
    stranger = user_factory()
    for who in (None, stranger):
        client.logout()
        if who:
            client.force_login(who)
        assert secret.title not in client.get(group.url).content.decode()
        assert "Zamknięte spotkanie" not in client.get(group.url).content.decode()
        assert client.get(secret.url).status_code in (302, 403, 404)
        assert client.get(f"/pl/groups/meetings/{meeting.pk}/meeting.ics").status_code == 404
        assert b"Zamkni" not in client.get(f"/pl/groups/{group.pk}/calendar.ics").content
        assert client.post(f"/pl/groups/meetings/{meeting.pk}/register/", {}).status_code in (302, 404)
    assert secret.url not in client.get("/sitemap.xml").content.decode()
    client.force_login(member)
    html = client.get(group.url).content.decode()
    assert secret.title in html and "Zamknięte spotkanie" in html
    assert client.get(secret.url).status_code == 200
    assert client.get(f"/pl/groups/meetings/{meeting.pk}/meeting.ics").status_code == 200


def test_registered_only_page_for_any_logged_in_person(client, group, internal, user_factory):
    assert internal.title not in client.get(group.url).content.decode()
    client.force_login(user_factory())
    assert internal.title in client.get(group.url).content.decode()
    assert client.get(internal.url).status_code == 200
