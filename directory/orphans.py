"""An organisation must not be left without a manager silently: the Secretariat is told.

Whatever removes the last manager (the person's erasure, an editor deleting the membership
in the admin, a manager demoted to member), the check runs once the change commits: if the
organisation still exists and nobody manages it any more, every member of the Secretariat
gets an e-mail naming it, and the audit log records it. Nothing is sent when the
organisation itself is being deleted.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from accounts.audit import record
from accounts.mail import send_to_users
from accounts.roles import secretariat

from .models import Membership, OrganisationPage


def _remember_role(sender, instance, **kwargs):
    """Note whether the membership being saved was a manager's (a demotion is a departure too)."""
    instance._razem_was_manager = bool(instance.pk) and sender.objects.filter(
        pk=instance.pk, role=sender.MANAGER).exists()


def _membership_saved(sender, instance, **kwargs):
    if getattr(instance, "_razem_was_manager", False) and instance.role != sender.MANAGER:
        _check_on_commit(instance.organisation_id)


def _membership_deleted(sender, instance, **kwargs):
    if instance.role == sender.MANAGER:
        _check_on_commit(instance.organisation_id)


def _check_on_commit(organisation_id):
    """Check the organisation when the current transaction commits (never for a rolled-back change)."""
    transaction.on_commit(lambda: check_organisation(organisation_id))


def check_organisation(organisation_id):
    """Tell the Secretariat (and log it) if the organisation exists and has no manager; returns True if told."""
    organisation = OrganisationPage.objects.filter(pk=organisation_id).first()
    if organisation is None or Membership.objects.filter(organisation_id=organisation_id,
                                                         role=Membership.MANAGER).exists():
        return False
    members = Membership.objects.filter(organisation_id=organisation_id).count()
    record(organisation, "razem.organisation_without_manager", members=members)
    send_to_users(secretariat(), "accounts/emails/organisation_without_manager", {
        "organisation": organisation, "members": members,
        "edit_url": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pages/{organisation.pk}/edit/",
    })
    return True


def connect_signals():
    """Watch the directory's memberships (DirectoryConfig.ready)."""
    pre_save.connect(_remember_role, sender=Membership, dispatch_uid="orphans-membership-role")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="orphans-membership-saved")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="orphans-membership-deleted")
