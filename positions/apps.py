from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Joint positions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .workflow import ensure_positions_workflow

        signals.connect()
        # After auth's post_migrate (it follows ours in INSTALLED_APPS): the Secretariat group and its
        # approval task exist by then.
        post_migrate.connect(ensure_positions_workflow, sender=apps.get_app_config("auth"),
                             dispatch_uid="positions_workflow")
