from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Working groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.group_roles import read_group_roles_with

        from . import signals  # noqa: F401
        from .membership import coordinators_of, is_member, membership_of
        from .roles import (
            can_manage_group, ensure_members_collections, ensure_secretariat_rights, group_collections,
            members_only_collections, role_group_ids,
        )

        # A person's roles in the groups, for the apps that may not import groups (accounts.group_roles).
        read_group_roles_with(
            membership_of=membership_of, is_member=is_member, can_manage_group=can_manage_group,
            coordinators_of=coordinators_of, role_group_ids=role_group_ids, group_collections=group_collections,
            members_only_collections=members_only_collections,
        )

        # django.contrib.auth creates our permissions on our own post_migrate, after our handlers:
        # grant them when auth's post_migrate comes (it follows ours in INSTALLED_APPS).
        post_migrate.connect(ensure_secretariat_rights, sender=apps.get_app_config("auth"))
        post_migrate.connect(ensure_members_collections, sender=apps.get_app_config("auth"))
