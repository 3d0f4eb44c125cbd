"""The discussions' keyword box (a group's discussions list and its section on the group page) asks
the site search's service: inflection, missing diacritics, relevance order, and never a thread the
reader may not read."""

import pytest
from django.urls import reverse

from community import discussions
from community.models import Thread
from groups.finding import space_paths
from groups.membership import appoint_coordinator
from search import indexing
from search.listings import ranked_pks
from search.tests.conftest import engine, es, no_es  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(group, other_group, coordinator, user_factory):
    members_only = discussions.start_thread(coordinator, group, "Tłumacze przysięgli",
                                            "Szukamy tłumaczy w Lublinie.")
    open_one = discussions.start_thread(coordinator, group, "Kursy językowe",
                                        "Kursy polskiego dla tłumaczy i rodzin.",
                                        visibility=Thread.Visibility.REGISTERED)
    elsewhere_author = user_factory()
    appoint_coordinator(elsewhere_author, other_group)
    elsewhere = discussions.start_thread(elsewhere_author, other_group, "Tłumacze w innej grupie", "Tłumaczenia.",
                                         visibility=Thread.Visibility.REGISTERED)
    return members_only, open_one, elsewhere


def listed(client, group, **params):
    response = client.get(reverse("community:group_threads", args=[group.pk]), params)
    assert response.status_code == 200
    return [thread.title for thread in response.context["threads"]]


def test_discussions_box(engine, threads, group, coordinator, outsider, client):
    indexing.rebuild()
    client.force_login(coordinator)
    # Inflected and without diacritics; the thread with the word in its title first; this group only.
    assert listed(client, group, q="tlumaczami") == ["Tłumacze przysięgli", "Kursy językowe"]
    assert listed(client, group, q="kurs") == ["Kursy językowe"]
    assert listed(client, group, q="tłumaczy Lublin") == ["Tłumacze przysięgli", "Kursy językowe"]
    assert listed(client, group, q="astronomia") == []
    # A signed-in outsider reads the open thread only.
    client.force_login(outsider)
    assert listed(client, group, q="tlumaczy") == ["Kursy językowe"]


def test_the_service_is_asked_for_this_groups_threads_only(engine, threads, group, other_group):
    members_only, open_one, elsewhere = threads
    indexing.rebuild()
    assert set(ranked_pks(Thread, "discussion", "tłumacze")) >= {members_only.pk, elsewhere.pk}
    assert elsewhere.pk not in ranked_pks(Thread, "discussion", "tłumacze", within=space_paths(group))
    assert elsewhere.pk in ranked_pks(Thread, "discussion", "tłumacze", within=space_paths(other_group))


def test_group_page_lists_matching_discussions(engine, threads, group, coordinator, client):
    indexing.rebuild()
    client.force_login(coordinator)
    response = client.get(group.url, {"q": "kursy"})
    assert [thread.title for thread in response.context["threads"]] == ["Kursy językowe"]
    html = response.content.decode()
    assert f'{reverse("community:group_threads", args=[group.pk])}?q=kursy' in html
    assert 'id="group-q" name="q" value="kursy"' in html  # the box keeps the words
    client.logout()
    response = client.get(group.url, {"q": "kursy"})  # anonymous readers: no discussion at all
    assert "Kursy językowe" not in response.content.decode()


@pytest.mark.parametrize("params", [{"q": "a\x00b"}, {"q": "ж" * 3000}, {"q": "kurs", "page": "-1"},
                                    {"q": ["a", "b"], "page": "zz"}])
def test_bad_parameters_never_fail(no_es, threads, group, coordinator, client, params):
    indexing.rebuild()
    client.force_login(coordinator)
    assert client.get(reverse("community:group_threads", args=[group.pk]), params).status_code == 200
    assert client.get(group.url, params).status_code == 200
