"""The page bar: every directory page in at most 25 SQL queries, for visitors and for members.

Measured with the shared frame's cache off (FRAME_CACHE = False: every menu, footer and
language link computed), i.e. the worst case, after one warm-up request (Wagtail's site
root paths, content types). A member of the organisation sees the most: contact person,
edit links, partnership proposals, their dashboard.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from accounts.roles import SECRETARIAT
from core.access import applying
from directory.factories import MembershipFactory, SupportItemFactory
from directory.models import Membership, Partnership
from directory.permissions import can_edit_organisation, is_editor, is_manager, is_member
from directory.translation import set_descriptions
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db
PAGE_QUERY_BAR = 25  # the page bar of #24 (GUIDE.md): signed-in pages at most 25 queries


@pytest.fixture
def world(settings, directory, organisation_factory, home_pages):
    settings.FRAME_CACHE = False
    for code in ("uk", "en"):
        ensure_translation(directory, code)
    orgs = [organisation_factory(title=f"Organizacja {n:02d}", sectors=["legal-aid", "housing"],
                                 target_groups=["children"], languages=["pl", "uk"], regions_served=["lubelskie"],
                                 support_offered=["financial"]) for n in range(25)]
    org = orgs[0]
    for other in orgs[:3]:
        set_descriptions(other, {"uk": "Опис", "en": "Description"}, names={"uk": "Організація", "en": ""},
                         cities={"uk": "Люблін", "en": ""})
    items = [SupportItemFactory(organisation=owner, kind="need" if n % 2 else "offer", regions=["lubelskie"],
                                support_type=("financial", "skills", "in-kind")[n % 3])
             for n, owner in enumerate(orgs[:10] + orgs[:10])]
    Partnership.objects.create(need=items[1], offer=items[2], proposed_by=org, status="accepted")
    member = MembershipFactory(organisation=org, role="manager").user
    uk = org.get_translation(home_pages["uk"].locale)
    pages = {
        "directory": directory.url,
        "directory, filtered": f"{directory.url}?sector=housing&region=lubelskie&q=organizacja&per_page=100",
        "directory in Ukrainian": "/uk/katalog/?per_page=50",
        "profile": org.url,
        "profile in Ukrainian": uk.url,
        "needs and offers": "/pl/needs-offers/",
        "needs and offers, filtered": "/uk/needs-offers/?kind=need&sector=housing",
        "need or offer": f"/pl/needs-offers/{items[0].pk}/",
        "need or offer in Ukrainian": f"/uk/needs-offers/{items[3].pk}/",
        "coverage": "/pl/coverage/",
        "coverage, needs layer": "/pl/coverage/?layer=needs&target_group=children",
    }
    return {"member": member, "pages": pages, "organisation": org, "translation": uk}


def _queries(client, url):
    client.get(url)  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_every_directory_page_within_the_bar_for_visitors(client, world):
    counts = {name: _queries(client, url) for name, url in world["pages"].items()}
    print(counts)
    assert max(counts.values()) <= PAGE_QUERY_BAR, counts


def test_every_directory_page_within_the_bar_for_a_member(client, world):
    client.force_login(world["member"])
    pages = {**world["pages"], "my organisation": "/pl/organisations/mine/"}
    counts = {name: _queries(client, url) for name, url in pages.items()}
    print(counts)
    assert max(counts.values()) <= PAGE_QUERY_BAR, counts
    # The member sees what a member sees (the queries were not saved by hiding it).
    from django.urls import reverse
    from django.utils import translation

    with translation.override("uk"):
        edit = reverse("directory:edit", args=[world["translation"].pk])
    assert f'href="{edit}"' in client.get(world["translation"].url).content.decode()
    assert client.get(edit).status_code == 200


def test_my_organisation_does_not_grow_with_the_items(client, world):
    client.force_login(world["member"])
    before = _queries(client, "/pl/organisations/mine/")
    for n in range(8):
        SupportItemFactory(organisation=world["organisation"], kind="need", regions=["lubelskie"],
                           support_type=("management", "knowledge", "volunteers")[n % 3])
    assert _queries(client, "/pl/organisations/mine/") == before


def test_permission_answers_follow_membership_changes(user_factory, organisation_factory):
    """Roles are read once per user object; a change made through that object is seen at once."""
    from django.contrib.auth.models import Group

    org, other = organisation_factory(), organisation_factory()
    user = user_factory()
    assert not is_member(user, org) and not can_edit_organisation(user, other)
    membership = Membership.objects.create(organisation=org, user=user, role=Membership.MEMBER)
    assert is_member(user, org) and not is_manager(user, org) and not is_member(user, other)
    membership.role = Membership.MANAGER
    membership.save()
    assert is_manager(user, org)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    assert is_editor(user) and can_edit_organisation(user, other)
    membership.delete()
    user.groups.clear()
    assert not is_member(user, org) and not is_editor(user)


def test_view_restrictions_match_wagtails(client, directory, organisation_factory):
    """core.access finds what Wagtail's get_view_restrictions finds, on a real alias tree
    (create_alias(recursive=True)), and Wagtail refuses the restricted profile when serving it."""
    org = organisation_factory(title="Ukryta")
    assert applying(org) == [] and list(org.get_view_restrictions()) == []
    restriction = PageViewRestriction.objects.create(page=directory, restriction_type="login")
    assert [r.id for r in applying(org)] == [r.pk for r in Page.get_view_restrictions(org)] == [restriction.pk]
    assert client.get(org.url).status_code == 302
    restriction.delete()
    alias = directory.create_alias(update_slug="katalog-alias", recursive=True)
    PageViewRestriction.objects.create(page=directory, restriction_type="login")
    alias_org = Page.objects.get(alias_of=org)
    for page in (alias_org, alias):
        assert {r.id for r in applying(page)} == {r.pk for r in Page.get_view_restrictions(page)}
    assert len(applying(alias)) == 1
