from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Member updates and group discussions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .roles import ensure_secretariat_rights

        signals.connect()
        # Our permissions exist only after auth's post_migrate (it follows ours in INSTALLED_APPS).
        post_migrate.connect(ensure_secretariat_rights, sender=apps.get_app_config("auth"))
