from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Knowledge library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals, submissions
        from .models import LibraryIndexPage
        from .workflow import ensure_review_workflow, library_saved

        signals.connect()
        submissions.connect()
        post_save.connect(library_saved, sender=LibraryIndexPage, dispatch_uid="library_index_saved")
        post_migrate.connect(ensure_review_workflow, sender=self)
