from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.health import report_search_state_with

        from . import signals, synonyms
        from .client import search_engine_state
        from .models import Synonym
        from .registry import load_adapters
        from .roles import ensure_secretariat_rights

        report_search_state_with(search_engine_state)
        load_adapters()
        signals.connect()
        post_save.connect(synonyms.forget, sender=Synonym, dispatch_uid="search_synonyms_saved")
        post_delete.connect(synonyms.forget, sender=Synonym, dispatch_uid="search_synonyms_deleted")
        # Our permissions exist only after auth's post_migrate (it follows ours in INSTALLED_APPS).
        post_migrate.connect(ensure_secretariat_rights, sender=apps.get_app_config("auth"),
                             dispatch_uid="search_secretariat_rights")
