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
        from PIL import Image

        from core.uploads import max_image_pixels

        # Pillow refuses to decode an image over twice its MAX_IMAGE_PIXELS (it only warns between
        # one and two times): every decoding in the process (Wagtail's upload check, renditions)
        # then stops at the uploads' limit.
        Image.MAX_IMAGE_PIXELS = max_image_pixels() // 2
        submissions.connect()
        post_save.connect(library_saved, sender=LibraryIndexPage, dispatch_uid="library_index_saved")
        post_migrate.connect(ensure_review_workflow, sender=self)
        # After the workflow (its groups are those the proposals collection is restricted to).
        post_migrate.connect(submissions.secure_proposal_files, sender=self)
