"""accounts.group_roles: a person's roles in the working groups for the apps above accounts, as the groups app
knows them (it hands its readers over when it starts); nobody holds one before that."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import group_roles
from core.handover import Readers
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator, invite
from groups.roles import space_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page, user_factory):
    index = GroupIndexPageFactory(parent=home_page)
    group, other = WorkingGroupPageFactory(parent=index), WorkingGroupPageFactory(parent=index)
    coordinator, invited, outsider = user_factory(), user_factory(), user_factory()
    appoint_coordinator(coordinator, group)
    invite(invited, group, by=coordinator)
    return group, other, coordinator, invited, outsider


def test_the_readers_answer_as_the_groups_app(world):
    group, other, coordinator, invited, outsider = world
    assert group_roles.is_member(coordinator, group) and group_roles.can_manage_group(coordinator, group)
    assert group_roles.membership_of(coordinator, group).is_coordinator
    assert not group_roles.membership_of(invited, group).is_active and not group_roles.is_member(invited, group)
    assert group_roles.membership_of(outsider, group) is None and not group_roles.can_manage_group(outsider, group)
    assert not group_roles.is_member(AnonymousUser(), group)
    assert [membership.user for membership in group_roles.coordinators_of(group)] == [coordinator]
    assert not group_roles.coordinators_of(other)
    space = space_of(group)
    assert group_roles.role_group_ids([group])[group.translation_key] == (space.members_id, space.coordinators_id)
    assert set(group_roles.group_collections(group)) == {space.collection, space.members_collection}
    assert list(group_roles.group_collections(group, members_only=False)) == [space.collection]
    assert space.members_collection in group_roles.members_only_collections()
    assert space_of(other).members_collection in group_roles.members_only_collections()


def test_before_the_groups_app_hands_them_over_nobody_holds_a_role(world, monkeypatch):
    group, _other, coordinator, _invited, _outsider = world
    monkeypatch.setattr(group_roles, "_readers", Readers("group role readers", **group_roles._NO_ROLES))
    assert group_roles.membership_of(coordinator, group) is None
    assert not group_roles.is_member(coordinator, group) and not group_roles.can_manage_group(coordinator, group)
    assert group_roles.coordinators_of(group) == [] and group_roles.role_group_ids([group]) == {}
    assert not group_roles.group_collections(group).exists() and not group_roles.members_only_collections().exists()
    with pytest.raises(TypeError):
        group_roles.read_group_roles_with(is_coordinator=lambda user, group_page: True)

