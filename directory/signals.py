"""Reactions to moderation (see registration.py) and to changes the directory entries depend on."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import workflow_approved, workflow_rejected

from .models import OrganisationPage


@receiver(workflow_approved)
def on_workflow_approved(sender, instance, user=None, **kwargs):
    from .registration import registration_approved

    registration_approved(instance, user)


@receiver(workflow_rejected)
def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .registration import registration_rejected

    registration_rejected(instance, user)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs):
    """A restricted organisation leaves the public directory; a lifted restriction brings it back."""
    from .entries import refresh_restricted

    refresh_restricted(instance.page)


@receiver(post_delete, sender=OrganisationPage)
def on_organisation_deleted(sender, instance, **kwargs):
    """A deleted translation no longer feeds the text search of its organisation."""
    from .entries import refresh_entries

    refresh_entries([instance.translation_key])
