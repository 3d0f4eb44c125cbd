"""Site-wide roles as Django groups, kept in place after every migrate."""

from django.utils.translation import gettext_noop

SECRETARIAT = "Secretariat"
gettext_noop("Secretariat")

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "delete_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "delete_image", "choose_image"],
}


def ensure_secretariat_group(**kwargs):
    """Create or complete the Secretariat group: admin access, all pages, all collections.

    Runs on post_migrate because permissions exist only after migrations have run.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    group, _ = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
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
    from home.frame import user_groups

    return SECRETARIAT in user_groups(user).names


can_process_erasure = is_secretariat
