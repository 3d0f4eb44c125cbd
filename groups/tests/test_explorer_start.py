"""A coordinator's page explorer opens at their working group's page, in their admin language (#20 item 7).

Signed in as a coordinator (no superuser, no Secretariat): the sidebar's "Pages" explorer of the
Polish admin starts at the group's Polish page, of the Ukrainian admin at its Ukrainian page; the
Secretariat keeps Wagtail's start (the root); the coordinator's rights are Wagtail's as before.
"""

import json
import re

import pytest
from wagtail.models import Page
from wagtail.users.models import UserProfile

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db


def explorer_start(response):
    """The start page id the sidebar's page explorer item was rendered with."""
    assert response.status_code == 200
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
                      response.content.decode(), re.S)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.PageExplorerMenuItem":
                found.append(node["_args"][-1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def translated_group(home_pages, group):
    """The group's page in pl, uk and en (each translation gets the coordinators' rights)."""
    return {"pl": group, **{code: ensure_translation(group, code) for code in ("uk", "en")}}


def test_the_coordinators_explorer_opens_at_their_group_in_the_admin_language(client, translated_group, coordinator):
    from wagtail.permissions import policy_registry

    # Wagtail alone would open it at the root: the common ancestor of the group's three translations.
    assert policy_registry.get_by_type(Page).explorable_root_instance(coordinator).is_root()
    client.force_login(coordinator)
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "pl"
    profile.save()
    assert explorer_start(client.get("/admin/")) == translated_group["pl"].pk

    profile.preferred_language = "uk"
    profile.save()
    assert explorer_start(client.get("/admin/")) == translated_group["uk"].pk


def test_the_coordinator_still_reaches_every_translation_of_the_group(client, translated_group, coordinator):
    client.force_login(coordinator)
    for page in translated_group.values():
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    # Nothing else became editable.
    home = translated_group["pl"].get_parent().get_parent()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)


def test_the_secretariat_keeps_the_explorer_at_the_root(client, translated_group, user_factory):
    from django.contrib.auth.models import Group

    secretary = user_factory(email="sekretariat@example.org")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])
    client.force_login(secretary)
    assert explorer_start(client.get("/admin/")) == Page.get_first_root_node().pk
