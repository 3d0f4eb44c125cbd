"""The working groups' keyword boxes (the groups list, a group's space) ask the site search's service:
inflection, missing diacritics, other scripts, relevance order, and nothing the reader may not read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page

from groups.factories import GroupContentPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from groups.models import WorkingGroupPage
from groups.finding import SPACE_KINDS, space_paths
from groups.roles import space_of
from groups.visibility import restrict_to_members
from search import indexing
from search.audience import reader_tokens
from search.listings import ranked_pks
from search.tests.conftest import engine, es, no_es  # noqa: F401 — fixtures
from search.tests.helpers import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(group_index):
    housing = WorkingGroupPageFactory(parent=group_index, title="Grupa mieszkaniowa", slug="mieszkaniowa",
                                      topic="Mieszkania dla rodzin z Charkowa")
    schools = WorkingGroupPageFactory(parent=group_index, title="Edukacja", slug="edukacja",
                                      topic="Szkoły i przedszkola dla dzieci z Ukrainy")
    legal = WorkingGroupPageFactory(parent=group_index, title="Pomoc prawna", slug="prawna",
                                    topic="Porady prawne i legalizacja pobytu",
                                    status=WorkingGroupPage.Status.ARCHIVED)
    return housing, schools, legal


def shown(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_groups_list_box(engine, groups, group_index, client):
    housing, schools, legal = groups
    indexing.rebuild()
    url = group_index.url

    def found(query):
        return [group.title for group in shown(client, url, q=query).context["found_groups"]]

    assert found("mieszkaniowej") == ["Grupa mieszkaniowa"]  # inflected
    assert found("szkola") == ["Edukacja"]  # no diacritics, another form
    assert found("Kharkiv") == ["Grupa mieszkaniowa"]  # another script's spelling of Charków
    assert found("prawne") == ["Pomoc prawna"]  # archived groups are found too
    # Several words: the group matching more of them first.
    assert found("porady prawne dla dzieci")[0] == "Pomoc prawna"
    response = shown(client, url)  # no query: the lists as before
    assert [group.title for group in response.context["active_groups"]] == ["Edukacja", "Grupa mieszkaniowa"]
    assert "found_groups" not in response.context


def test_groups_list_box_hides_restricted_groups(engine, groups, group_index, client, user_factory):
    housing, _schools, _legal = groups
    restrict_to_members(housing, housing)
    member = user_factory()
    appoint_coordinator(member, housing)
    indexing.rebuild()
    assert shown(client, group_index.url, q="mieszkania").context["found_groups"] == []
    client.force_login(member)
    assert [g.title for g in shown(client, group_index.url, q="mieszkania").context["found_groups"]] == [
        "Grupa mieszkaniowa"]


def test_group_space_box(engine, groups, client, user_factory):
    housing, schools, _legal = groups
    GroupContentPageFactory(parent=housing, title="Najem krótkoterminowy", slug="najem",
                            introduction="Umowy najmu dla rodzin z Ukrainy.")
    MeetingPageFactory(parent=housing, title="Spotkanie o najmie", slug="spotkanie-najem",
                       introduction="Najem lokali w Lublinie.")
    secret = MeetingPageFactory(parent=housing, title="Posiedzenie zamknięte", slug="zamkniete",
                                introduction="Budżet najmu na przyszły rok.")
    restrict_to_members(secret, housing)
    GroupContentPageFactory(parent=schools, title="Najem sal lekcyjnych", slug="sale", introduction="Sale.")
    member = user_factory()
    appoint_coordinator(member, housing)
    indexing.rebuild()

    def found(query):
        return [page.title for page in shown(client, housing.url, q=query).context["space_matches"]]

    # Only this group's pages and meetings; the one with the word in its title first; nothing restricted.
    assert sorted(found("najmu")) == ["Najem krótkoterminowy", "Spotkanie o najmie"]
    assert found("umowy najmu") == ["Najem krótkoterminowy", "Spotkanie o najmie"]  # more words first
    assert found("lublin") == ["Spotkanie o najmie"]
    assert found("umowa") == ["Najem krótkoterminowy"]  # lemma of "umowy"
    assert found("budzet") == []
    client.force_login(member)
    assert found("budzet") == ["Posiedzenie zamknięte"]
    assert "space_matches" not in shown(client, housing.url).context


def test_the_space_search_looks_only_under_the_group(engine, groups):
    """The service itself is asked for this group's items (SearchRequest.within: its pages' tree paths),
    so another group's many matches can never push this one's out of the best matches."""
    housing, schools, _legal = groups
    own = GroupContentPageFactory(parent=housing, title="Najem krótkoterminowy", slug="najem", introduction="Najem.")
    meeting = MeetingPageFactory(parent=housing, title="Spotkanie w sprawie najmu", slug="spotkanie-najem")
    for number in range(3):
        GroupContentPageFactory(parent=schools, title=f"Najem sal {number}", slug=f"sale-{number}",
                                introduction="Najem.")
    indexing.rebuild()
    assert set(ranked_pks(Page, SPACE_KINDS, "najem", within=space_paths(housing))) == {own.pk, meeting.pk}
    assert len(ranked_pks(Page, SPACE_KINDS, "najem")) == 5  # without it: every group's


@pytest.mark.parametrize("params", [
    {"q": "a\x00b"}, {"q": "x" * 5000}, {"q": "\u202e"}, {"q": ["a", "b"]}, {"q": "   "}, {"q": "najem", "page": "x"},
])
def test_bad_parameters_never_fail(no_es, groups, group_index, client, params):
    housing, _schools, _legal = groups
    indexing.rebuild()
    for url in (group_index.url, housing.url, reverse("groups:documents", args=[housing.pk])):
        assert client.get(url, params).status_code == 200



def _document(collection, title):
    document = get_document_model()(title=title, collection=collection)
    document.file.save("plik.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


def test_group_documents_box(engine, groups, client, user_factory):
    housing, schools, _legal = groups
    space = space_of(housing)
    _document(space.collection, "Protokół ze spotkania w sprawie najmu")
    _document(space.collection, "Lista kontaktów w Lublinie")
    _document(space.members_collection, "Budżet najmu na 2027 rok")
    _document(space_of(schools).collection, "Najem sal lekcyjnych: umowa")
    member, outsider = user_factory(), user_factory()
    appoint_coordinator(member, housing)
    indexing.rebuild()
    url = reverse("groups:documents", args=[housing.pk])

    def found(query):
        context = shown(client, url, q=query).context
        members = context["members_documents"]
        return ([d.title for d in context["documents"]], None if members is None else [d.title for d in members])

    # This group's documents only, inflected and unaccented titles; the members-only one to members only.
    assert found("najem") == (["Protokół ze spotkania w sprawie najmu"], None)
    assert found("lublin") == (["Lista kontaktów w Lublinie"], None)
    client.force_login(outsider)
    assert found("budzet") == ([], None)
    client.force_login(member)
    assert found("budzet") == ([], ["Budżet najmu na 2027 rok"])
    assert found("najmu") == (["Protokół ze spotkania w sprawie najmu"], ["Budżet najmu na 2027 rok"])
    # The site search finds them too, with the same audience.
    assert titles("budżet", audience=reader_tokens(AnonymousUser()), kind=["group-document"]) == []
    assert titles("budżet", audience=reader_tokens(outsider), kind=["group-document"]) == []
    assert titles("budżet", audience=reader_tokens(member), kind=["group-document"]) == ["Budżet najmu na 2027 rok"]
    assert "documents" in shown(client, url).context  # no query: every document, as before
