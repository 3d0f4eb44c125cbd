from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and privacy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group

        from home.frame import read_group_keys_with

        from . import audit, consent
        from .keys import key_of
        from .roles import ensure_secretariat_group

        post_migrate.connect(ensure_secretariat_group, sender=self)
        read_group_keys_with(lambda group_id: key_of(Group, group_id))
        audit.connect_signals()
        consent.connect_signals()
