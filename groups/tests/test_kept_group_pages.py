"""A working group's list of pages is kept as HTML per the reader's hidden tree paths ({% group_pages %}):
each reader sees the pages they may read, and a publication, a rename, an unpublication and a
restriction written without signals show on the next request."""

import re

import pytest
from wagtail.models import Page, PageViewRestriction

from groups.factories import GroupContentPageFactory
from groups.membership import request_to_join
from groups.visibility import restrict_to_members

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    settings.FRAME_CACHE = True


def _listed(client, group):
    """The titles in the group page's "Pages of the group" block (empty when there is none)."""
    html = client.get(group.url).content.decode()
    if 'id="group-pages"' not in html:
        return []
    block = html.split('id="group-pages"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', block)


def test_each_reader_sees_the_pages_they_may_read(client, group, member_factory, user_factory):
    GroupContentPageFactory(parent=group, slug="zasoby", title="Zasoby")
    restrict_to_members(GroupContentPageFactory(parent=group, slug="notatki", title="Notatki członków"), group)
    member = member_factory()
    group.join_policy = "open"
    group.save()
    request_to_join(member, group)

    assert _listed(client, group) == ["Zasoby"]
    client.force_login(member)
    assert _listed(client, group) == ["Zasoby", "Notatki członków"]
    client.force_login(user_factory())
    assert _listed(client, group) == ["Zasoby"]


def test_the_kept_list_follows_every_write(client, group):
    first = GroupContentPageFactory(parent=group, slug="zasoby", title="Zasoby")
    assert _listed(client, group) == ["Zasoby"]
    assert _listed(client, group) == ["Zasoby"]  # kept

    second = GroupContentPageFactory(parent=group, slug="protokoly", title="Protokoły")
    assert _listed(client, group) == ["Zasoby", "Protokoły"]

    first.title = "Zasoby grupy"
    first.save_revision().publish()
    assert _listed(client, group) == ["Zasoby grupy", "Protokoły"]

    PageViewRestriction.objects.bulk_create([  # as a data migration or a script would: no signals
        PageViewRestriction(page=Page.objects.get(pk=second.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert _listed(client, group) == ["Zasoby grupy"]

    first.unpublish()
    assert _listed(client, group) == []
