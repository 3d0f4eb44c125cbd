"""Signal receivers: a position drafted in a group gets the workflow; publishing records a version."""

from django.db.models.signals import post_save
from wagtail.signals import page_published


def position_saved(sender, instance, created, raw=False, **kwargs):
    """A new position outside the positions index (in a working group) gets its own workflow."""
    if not created or raw:
        return
    from .models import PositionIndexPage
    from .workflow import attach

    parent = instance.get_parent()
    if parent is not None and parent.specific_class is not PositionIndexPage:
        attach(instance)


def position_published(sender, instance, revision=None, **kwargs):
    """Keep the published text as a new version (when it changed) and note the phase's opening."""
    from .versions import record_publication

    record_publication(instance, getattr(revision, "user", None))


def connect():
    from .models import PositionPage

    post_save.connect(position_saved, sender=PositionPage, dispatch_uid="positions_position_saved")
    page_published.connect(position_published, sender=PositionPage, dispatch_uid="positions_position_published")
