"""Reactions to moderation (see registration.py) and to changes the directory entries depend on."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import workflow_approved, workflow_rejected

from .models import Membership, OrganisationPage
from .permissions import forget_roles


@receiver(workflow_approved)
def on_workflow_approved(sender, instance, user=None, **kwargs):
    from .registration import registration_approved

    registration_approved(instance, user)


@receiver(workflow_rejected)
def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .registration import registration_rejected

    registration_rejected(instance, user)


@receiver(post_delete, sender=OrganisationPage)
def on_organisation_deleted(sender, instance, **kwargs):
    """A deleted translation no longer feeds the text search of its organisation."""
    from .entries import refresh_entries

    refresh_entries([instance.translation_key])


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def on_membership_changed(sender, instance, **kwargs):
    """The roles kept on the member's user object (permissions.reader_roles) are out of date."""
    forget_roles(instance._state.fields_cache.get("user"))


@receiver(m2m_changed, sender=get_user_model().groups.through)
def on_groups_changed(sender, instance, **kwargs):
    """Joining or leaving the Secretariat changes what the user object may edit."""
    if isinstance(instance, get_user_model()):
        forget_roles(instance)
