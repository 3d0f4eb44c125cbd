"""Long lists of the community (a thread's posts, a group's discussions, the updates feed) come in pages,
with links that keep the reader's filters."""

import re

import pytest
from django.urls import reverse

from community import update_views, views
from community import updates as service
from community.discussions import reply, start_thread
from community.models import OrganisationUpdate

from .conftest import feed_pks

pytestmark = pytest.mark.django_db


def _pages(response):
    """(the "Page n of m" line, the previous page's address, the next page's) of a response's page links."""
    html = response.content.decode()
    current = re.search(r'<li aria-current="page">([^<]*)</li>', html)
    links = dict((rel, href.replace("&amp;", "&")) for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)"', html))
    return current and current.group(1), links.get("prev"), links.get("next")


def test_a_long_thread_comes_in_pages(client, monkeypatch, thread, member):
    monkeypatch.setattr(views, "POSTS_PER_PAGE", 2)
    reply(member, thread, "Druga odpowiedź.")
    last = reply(member, thread, "Trzecia odpowiedź, na drugiej stronie.")
    client.force_login(member)
    url = reverse("community:thread", args=[thread.pk])

    first = client.get(url)
    assert _pages(first) == ("Page 1 of 2", None, "?page=2")
    assert "Trzecia odpowiedź" not in first.content.decode()
    second = client.get(url + "?page=2")
    assert _pages(second) == ("Page 2 of 2", "?page=1", None)
    assert f'id="post-{last.pk}"' in second.content.decode()
    assert _pages(client.get(url + "?page=x"))[0] == "Page 1 of 2"  # a bad page number is the first page


def test_a_groups_discussions_come_in_pages(client, monkeypatch, group, coordinator, member):
    monkeypatch.setattr(views, "THREADS_PER_PAGE", 1)
    start_thread(coordinator, group, "Pierwsza rozmowa", "Treść.")
    start_thread(coordinator, group, "Druga rozmowa", "Treść.")
    client.force_login(member)

    response = client.get(reverse("community:group_threads", args=[group.pk]))
    assert _pages(response) == ("Page 1 of 2", None, "?page=2")


def test_the_feeds_pages_keep_its_filters(client, monkeypatch, member_factory, organisation):
    monkeypatch.setattr(update_views, "UPDATES_PER_PAGE", 1)
    author = member_factory()
    older, newer = (service.post_update(author, organisation, OrganisationUpdate.Kind.ACTIVITY, text, "pl")
                    for text in ("Starsza aktualność", "Nowsza aktualność"))
    service.post_update(author, organisation, OrganisationUpdate.Kind.CHALLENGE, "Wyzwanie", "pl")
    url = reverse("community:updates")

    first = client.get(url + "?kind=activity")
    assert (feed_pks(first), _pages(first)) == ([newer.pk], ("Page 1 of 2", None, "?kind=activity&page=2"))
    second = client.get(url + "?kind=activity&page=2")
    assert (feed_pks(second), _pages(second)) == ([older.pk], ("Page 2 of 2", "?kind=activity&page=1", None))
