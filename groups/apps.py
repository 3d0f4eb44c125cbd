from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Working groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
        from .roles import ensure_members_collections, ensure_secretariat_rights

        # django.contrib.auth creates our permissions on our own post_migrate, after our handlers:
        # grant them when auth's post_migrate comes (it follows ours in INSTALLED_APPS).
        post_migrate.connect(ensure_secretariat_rights, sender=apps.get_app_config("auth"))
        post_migrate.connect(ensure_members_collections, sender=apps.get_app_config("auth"))
