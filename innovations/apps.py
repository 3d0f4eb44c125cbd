from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Innovations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import submissions
        from .models import InnovationIndexPage
        from .workflow import catalogue_saved, ensure_review_workflow

        submissions.connect()
        post_save.connect(catalogue_saved, sender=InnovationIndexPage, dispatch_uid="innovations_catalogue_saved")
        post_migrate.connect(ensure_review_workflow, sender=self)
        # After the workflow: the private collection is restricted to the Secretariat.
        post_migrate.connect(submissions.secure_submitted_files, sender=self)
