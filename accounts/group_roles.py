"""A person's roles in the working groups, and what those roles open, for the apps that act in a group
(the discussions: who reads and writes in a group's threads, who moderates them, which documents they attach).

Memberships and each group's space (its members' and coordinators' permission groups, its document
collections) are the groups app's, and groups sits above accounts (docs/architecture.md "Layers"): it
hands its readers over when it starts (GroupsConfig.ready -> `read_group_roles_with`), as the directory
does for accounts.affiliations, so those apps ask here and import nothing of groups. Until then (groups
not installed) nobody holds a role in any group and no group has documents.
"""

from wagtail.models import Collection

from core.handover import Readers


def _no_membership(user, group_page):
    return None


def _no_one(user, group_page):
    return False


def _no_coordinators(group_page):
    return []


def _no_role_groups(group_pages):
    return {}


def _no_collections(group_page, members_only=True):
    return Collection.objects.none()


def _no_members_only_collections():
    return Collection.objects.none()


# Nobody holds a role until the groups app hands its readers over.
_NO_ROLES = {
    "membership_of": _no_membership,
    "is_member": _no_one,
    "can_manage_group": _no_one,
    "coordinators_of": _no_coordinators,
    "role_group_ids": _no_role_groups,
    "group_collections": _no_collections,
    "members_only_collections": _no_members_only_collections,
}
_readers = Readers("group role readers", **_NO_ROLES)


def read_group_roles_with(**readers):
    """Take the groups app's readers (GroupsConfig.ready), by the names of the functions below."""
    _readers.take(**readers)


def membership_of(user, group_page):
    """`user`'s membership of the group (any translation, any status; with `is_active` and
    `is_coordinator`), or None (groups.membership.membership_of)."""
    return _readers["membership_of"](user, group_page)


def is_member(user, group_page):
    """Is `user` an active member (or coordinator) of the group? (groups.membership.is_member)"""
    return _readers["is_member"](user, group_page)


def can_manage_group(user, group_page):
    """The group's coordinators and the Secretariat manage the group (groups.roles.can_manage_group)."""
    return _readers["can_manage_group"](user, group_page)


def coordinators_of(group_page):
    """The group's active coordinators' memberships, with their users (groups.membership.coordinators_of)."""
    return _readers["coordinators_of"](group_page)


def role_group_ids(group_pages):
    """{translation key: (members' permission group id, coordinators' one)} of the groups of `group_pages`
    whose space exists, in one query (groups.roles.role_group_ids): who Wagtail lets into their members-only pages."""
    return _readers["role_group_ids"](group_pages)


def group_collections(group_page, members_only=True):
    """The group's document collections (any translation): its own and, with `members_only`, its members-only
    one; a lazy queryset of Wagtail collections (groups.roles.group_collections)."""
    return _readers["group_collections"](group_page, members_only)


def members_only_collections():
    """Every group's members-only document collection: a lazy queryset (groups.roles.members_only_collections)."""
    return _readers["members_only_collections"]()
