"""Site-wide roles as Django groups, kept in place after every migrate.

Roles (README, "Roles"): the Secretariat (this module), a working group's coordinators and
members (one pair of groups per working group: groups.roles) and an organisation's members
(directory.Membership, no admin access). Groups carry Polish display names; the code finds
them by a stable key (accounts.keys), never by name.
"""

from django.utils.translation import gettext_noop

from home.frame import user_groups

SECRETARIAT_KEY = "secretariat"
SECRETARIAT = "Sekretariat"
"""The Secretariat group's display name on a new database (editors may rename it)."""
LEGACY_SECRETARIAT_NAMES = ["Secretariat"]
gettext_noop("Secretariat")

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
}
# Translating pages and snippets with wagtail-localize ("Przetłumacz tę stronę", "Synchronizuj tłumaczenia").
MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "wagtail_localize": ["submit_translation"],
}


def secretariat_group():
    """The Secretariat's permission group (created when missing, found by its key)."""
    from django.contrib.auth.models import Group

    from .keys import ensure_keyed

    return ensure_keyed(Group, SECRETARIAT_KEY, SECRETARIAT, legacy_names=LEGACY_SECRETARIAT_NAMES)


def secretariat_group_ids():
    """Subquery of the Secretariat group's id, for filters (`groups__in=secretariat_group_ids()`)."""
    from django.contrib.auth.models import Group

    from .keys import keyed_ids

    return keyed_ids(Group, SECRETARIAT_KEY)


# Stable key (accounts.keys) and Polish display name of the Secretariat's approval task, the one task
# of every workflow the Secretariat approves in (registration, library, innovations, positions).
SECRETARIAT_TASK_KEY, SECRETARIAT_TASK_NAME = "secretariat-approval", "Zatwierdzenie przez Sekretariat"
LEGACY_SECRETARIAT_TASK_NAMES = ["Secretariat approval"]


def secretariat_approval_task():
    """The Secretariat's approval task (created when missing, found by its key), shared by the workflows."""
    from wagtail.models import GroupApprovalTask

    from .keys import ensure_keyed

    task = ensure_keyed(GroupApprovalTask, SECRETARIAT_TASK_KEY, SECRETARIAT_TASK_NAME,
                        legacy_names=LEGACY_SECRETARIAT_TASK_NAMES)
    task.groups.add(secretariat_group())
    return task


def secretariat():
    """Active members of the Secretariat group (they moderate and get notified)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__in=secretariat_group_ids(), is_active=True)


def grant(group, app_label, codenames):
    """Add the permissions `codenames` of `app_label` to `group`, creating the app's permissions first
    (post_migrate handlers of apps listed before django.contrib.auth run before it made them)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    try:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    except LookupError:
        pass
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def ensure_secretariat_group(**kwargs):
    """Create or complete the Secretariat group: admin access, translation, all pages, all collections.

    Runs on post_migrate because permissions exist only after migrations have run.
    """
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    group = secretariat_group()
    for app_label, codenames in MODEL_PERMISSIONS.items():
        grant(group, app_label, codenames)
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
        if permission:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def is_secretariat(user):
    """True for administrators and members of the Secretariat group (the reader's groups are read
    once per user object: home.frame.user_groups)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return SECRETARIAT_KEY in user_groups(user).keys


can_process_erasure = is_secretariat
