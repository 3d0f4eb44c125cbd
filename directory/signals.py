"""Reactions to moderation: approving or rejecting a registration (see registration.py)."""

from django.dispatch import receiver
from wagtail.signals import workflow_approved, workflow_rejected


@receiver(workflow_approved)
def on_workflow_approved(sender, instance, user=None, **kwargs):
    from .registration import registration_approved

    registration_approved(instance, user)


@receiver(workflow_rejected)
def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from .registration import registration_rejected

    registration_rejected(instance, user)
