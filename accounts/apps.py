from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import audit, consent
        from .roles import ensure_secretariat_group

        post_migrate.connect(ensure_secretariat_group, sender=self)
        audit.connect_signals()
        consent.connect_signals()
