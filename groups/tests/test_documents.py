"""Each group has a members-only document sub-collection: listed and served to its members only."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.permissions import policy_registry

from accounts.roles import SECRETARIAT
from groups.factories import GroupMembershipFactory
from groups.roles import space_of

pytestmark = pytest.mark.django_db


def _document(collection, title):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


@pytest.fixture
def documents(group):
    space = space_of(group)
    return (_document(space.collection, "protokol-publiczny"),
            _document(space.members_collection, "notatka-dla-czlonkow"))


def test_every_group_gets_a_restricted_members_collection(group, other_group):
    space = space_of(group)
    assert space.members_collection.get_parent() == space.collection
    restriction = CollectionViewRestriction.objects.get(collection=space.members_collection)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert set(restriction.groups.all()) == {space.members, space.coordinators, Group.objects.get(name=SECRETARIAT)}
    assert space_of(other_group).members_collection != space.members_collection


def test_members_only_documents_are_served_and_listed_to_members_only(client, group, documents, member_factory,
                                                                     user_factory, coordinator):
    public, private = documents
    listing = reverse("groups:documents", args=[group.pk])
    # Anonymous visitors: the public document only; the private file asks them to log in.
    html = client.get(listing).content.decode()
    assert "protokol-publiczny" in html and "notatka-dla-czlonkow" not in html
    assert client.get(public.url).status_code == 200
    response = client.get(private.url)
    assert response.status_code == 302 and "login" in response["Location"]
    # A signed-in outsider: still refused.
    client.force_login(user_factory())
    assert "notatka-dla-czlonkow" not in client.get(listing).content.decode()
    assert client.get(private.url).status_code in (302, 403)
    # A member of the group, its coordinator and the Secretariat: listed and served.
    member = member_factory()
    GroupMembershipFactory(user=member, group=group)
    secretariat = user_factory()
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    for person in (member, coordinator, secretariat):
        client.force_login(person)
        assert "notatka-dla-czlonkow" in client.get(listing).content.decode()
        assert client.get(private.url).status_code == 200


def test_coordinators_manage_only_their_groups_members_documents(group, other_group, coordinator):
    own, other = space_of(group).members_collection, space_of(other_group).members_collection
    policy = policy_registry.get_by_type(get_document_model())
    collections = set(policy.collections_user_has_permission_for(coordinator, "add"))
    assert own in collections and other not in collections


def test_documents_page_queries_are_bounded(client, group, documents, coordinator, django_assert_max_num_queries):
    for n in range(10):
        _document(space_of(group).members_collection, f"kolejna-{n}")
    client.force_login(coordinator)
    client.get(reverse("groups:documents", args=[group.pk]))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("groups:documents", args=[group.pk]))
    assert response.content.decode().count("<bdi>kolejna-") == 10
