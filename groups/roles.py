"""Each working group's space in the admin: its permission groups, page rights and collection.

Creating a group (or a translation of it) calls `ensure_space`, which gives the group's
coordinators add/edit/publish rights on that group's page subtree only and rights on
its own document collection only. The Secretariat (accounts.roles) keeps rights on everything.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction, GroupCollectionPermission, GroupPagePermission

from accounts.roles import COLLECTION_PERMISSIONS, grant, is_secretariat, secretariat_group

from .models import GroupMembership, GroupSpace

COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


# Display names of new groups and collections, in Polish like the rest of the admin (the code finds
# them through GroupSpace, never by name).
COORDINATORS_LABEL = "Koordynatorzy"
MEMBERS_LABEL = "Członkowie"


def _unique_group_name(label, title, key):
    """Django group names are unique and at most 150 characters; the key's head keeps them apart."""
    return f"{label}: {title[:100]} ({str(key)[:8]})"


def ensure_space(page):
    """Return the GroupSpace of a WorkingGroupPage, creating it on first use, and grant its
    coordinators rights on this page's subtree (each translation is its own subtree)."""
    with transaction.atomic():
        space = GroupSpace.objects.select_for_update().filter(translation_key=page.translation_key).first()
        if space is None:
            space = _create_space(page)
        if space.members_collection_id is None:
            ensure_members_collection(space, page.title)
        for codename in COORDINATOR_PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=space.coordinators, page=page, permission=permission)
    return space


def _create_space(page):
    key = page.translation_key
    coordinators = Group.objects.create(name=_unique_group_name(COORDINATORS_LABEL, page.title, key))
    members = Group.objects.create(name=_unique_group_name(MEMBERS_LABEL, page.title, key))
    coordinators.permissions.add(
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    collection = Collection.get_first_root_node().add_child(name=page.title[:255])
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
            GroupCollectionPermission.objects.create(group=coordinators, collection=collection, permission=permission)
    return GroupSpace.objects.create(
        translation_key=key, coordinators=coordinators, members=members, collection=collection
    )


MEMBERS_ONLY_SUFFIX = " – tylko dla członków"


def ensure_members_collection(space, title):
    """Give the group a members-only sub-collection of its collection (idempotent).

    Wagtail refuses to serve its documents to anyone outside the group's members'
    permission group (and the Secretariat) through a collection view restriction;
    coordinators manage it through their rights on the parent collection.
    """
    if space.members_collection_id is not None:
        return space.members_collection
    collection = space.collection.add_child(name=f"{title[:200]}{MEMBERS_ONLY_SUFFIX}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([space.members, space.coordinators, secretariat_group()])
    space.members_collection = collection
    space.save(update_fields=["members_collection"])
    return collection


def ensure_members_collections(**kwargs):
    """Give the spaces created before members-only collections existed one (post_migrate; idempotent)."""
    from .models import WorkingGroupPage

    for space in GroupSpace.objects.filter(members_collection__isnull=True).select_related("collection"):
        page = WorkingGroupPage.objects.filter(translation_key=space.translation_key).order_by("pk").first()
        ensure_members_collection(space, page.title if page else space.collection.name)


def space_of(group_page):
    """The GroupSpace of a group page (any translation), or None before it is created."""
    return GroupSpace.objects.filter(translation_key=group_page.translation_key).first()


def role_group_ids(group_pages):
    """{translation key: (members' permission group id, coordinators' one)} of the groups of `group_pages`
    (any translations) whose space exists, in one query."""
    keys = {page.translation_key for page in group_pages}
    return {key: (members_id, coordinators_id) for key, members_id, coordinators_id in
            GroupSpace.objects.filter(translation_key__in=keys)
            .values_list("translation_key", "members_id", "coordinators_id")}


def group_collections(group_page, members_only=True):
    """The group's document collections (any translation): its own and, with `members_only`, its
    members-only one. Subqueries: no query until the collections (or documents in them) are read."""
    spaces = GroupSpace.objects.filter(translation_key=group_page.translation_key)
    collections = Q(pk__in=spaces.values("collection_id"))
    if members_only:
        collections |= Q(pk__in=spaces.filter(members_collection__isnull=False).values("members_collection_id"))
    return Collection.objects.filter(collections)


def members_only_collections():
    """Every group's members-only document collection (a subquery until read)."""
    return Collection.objects.filter(
        pk__in=GroupSpace.objects.filter(members_collection__isnull=False).values("members_collection_id"))


def sync_permission_groups(membership):
    """Put the person into (or out of) the group's members' and coordinators' permission groups."""
    space = space_of(membership.group)
    if space is None:
        return
    user = membership.user
    if membership.is_active:
        user.groups.add(space.members)
    else:
        user.groups.remove(space.members)
    if membership.is_coordinator:
        user.groups.add(space.coordinators)
    else:
        user.groups.remove(space.coordinators)


def remove_from_permission_groups(membership):
    """Take the person out of both permission groups of the membership's group."""
    space = space_of(membership.group)
    if space is not None:
        membership.user.groups.remove(space.members, space.coordinators)


def is_coordinator(user, group_page):
    """Is `user` an active coordinator of the working group (any translation of it)?"""
    if not user.is_authenticated:
        return False
    return GroupMembership.objects.coordinators().filter(user=user, group=group_page.canonical).exists()


def can_manage_group(user, group_page):
    """Coordinators of the group and the Secretariat manage its members and meetings."""
    return is_secretariat(user) or is_coordinator(user, group_page)


def can_manage_meeting(user, meeting):
    """The meeting's group coordinators (Secretariat for Forum-wide meetings) manage its participants."""
    if not user.is_authenticated:
        return False
    if is_secretariat(user):
        return True
    group = meeting.group
    return group is not None and is_coordinator(user, group)


SECRETARIAT_MODEL_PERMISSIONS = [
    "add_groupmembership", "change_groupmembership", "delete_groupmembership", "view_groupmembership",
    "change_meetingregistration", "view_meetingregistration",
]


def ensure_secretariat_rights(**kwargs):
    """Let the Secretariat manage memberships and registrations in the admin (post_migrate; idempotent)."""
    grant(secretariat_group(), "groups", SECRETARIAT_MODEL_PERMISSIONS)
