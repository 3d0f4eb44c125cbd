from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site frame")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.access import read_group_ids_with

        from . import frame
        from .models.taxonomy import sync_terms

        post_migrate.connect(sync_terms, sender=self)
        frame.connect()
        read_group_ids_with(lambda user: frame.user_groups(user).ids)
