from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .registry import load_adapters
        from .tasks import ensure_schedule

        load_adapters()
        signals.connect()
        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="search_schedule")
