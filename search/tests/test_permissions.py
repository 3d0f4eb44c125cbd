"""Readers never see a title, snippet or facet count of content they cannot open."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import SECRETARIAT
from home.factories import StandardPageFactory
from search import indexing
from search.audience import reader_tokens

from .helpers import titles

pytestmark = pytest.mark.django_db

MEMBERS = "Tajne sprawozdanie członkowskie"
GROUPED = "Tajne notatki grupy"



@pytest.fixture
def readers(user_factory, restricted):
    member = user_factory()
    in_group = user_factory()
    in_group.groups.add(restricted["group"])
    coordinator = user_factory()
    coordinator.groups.add(Group.objects.get_or_create(name=SECRETARIAT)[0])
    return {"member": member, "group member": in_group, "coordinator": coordinator}


def test_audience_filtering(engine, readers, restricted, client):
    from django.contrib.auth.models import AnonymousUser

    indexing.rebuild()
    seen = {
        name: set(titles("tajne", audience=reader_tokens(user)))
        for name, user in [("anonymous", AnonymousUser()), *readers.items()]
    }
    assert seen == {
        "anonymous": set(),
        "member": {MEMBERS},
        "group member": {MEMBERS, GROUPED},
        "coordinator": {MEMBERS, GROUPED},
    }

    # The page and the API leak neither titles nor facet counts to anonymous readers.
    for url in ("/pl/search/?q=tajne", "/api/v1/search?q=tajne", "/pl/search/?type=page",
                "/api/v1/search/autocomplete?q=taj"):
        body = client.get(url).content.decode()
        assert "Tajne" not in body, url
    anonymous = client.get("/api/v1/search?q=tajne").json()
    assert anonymous["count"] == 0 and not any(anonymous["facets"].values())
    client.force_login(readers["group member"])
    data = client.get("/api/v1/search?q=tajne").json()
    assert {hit["title"] for hit in data["results"]} == {MEMBERS, GROUPED}
    assert dict((f["value"], f["count"]) for f in data["facets"]["type"]) == {"page": 2}


def test_password_protected_pages_are_never_indexed(no_es, home_pages):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(parent=home_pages["pl"], slug="haslo", title="Strona z hasłem")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    indexing.rebuild()
    assert titles("hasłem", audience=None) == []
