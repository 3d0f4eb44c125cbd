"""The audit log of sensitive actions, kept in Wagtail's own log.

Wagtail already records page and workflow actions (approving or rejecting a
registration is `wagtail.workflow.approve` / `.reject`). The actions below are
added to the same log so that one report shows them all; `record` writes one.
Membership and permission changes are recorded from model signals for the
models named in AUDITED_MEMBERSHIP_MODELS, so apps need no audit code of their own.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTIONS = {
    "razem.data_export": _("Personal data exported"),
    "razem.erasure": _("Personal data erased"),
    "razem.membership_change": _("Membership changed"),
    "razem.membership_remove": _("Membership removed"),
    "razem.permission_change": _("Permissions changed"),
    "razem.mailing_sent": _("Mailing sent"),
    "razem.post_hidden": _("Post hidden"),
    "razem.consent_withdrawn": _("Consent withdrawn"),
    "razem.organisation_without_manager": _("Organisation left without a manager"),
    "razem.position_signed": _("Position signed for an organisation"),
    "razem.position_signature_withdrawn": _("Signature under a position withdrawn"),
}
# Actions Wagtail records itself that belong in the audit report too.
WAGTAIL_ACTIONS = ["wagtail.workflow.approve", "wagtail.workflow.reject", "wagtail.publish", "wagtail.unpublish"]

# Models whose rows grant someone a role; "app_label.ModelName", skipped while the app lacks them.
AUDITED_MEMBERSHIP_MODELS = ["directory.Membership", "groups.GroupMembership"]


def record(instance, action, user=None, **data):
    """Write one audit entry about `instance` (any model) by `user`, with extra data."""
    return log(instance, action, user=user, data=data or None)


def _membership_saved(sender, instance, created, **kwargs):
    record(instance, "razem.membership_change", created=created, role=str(getattr(instance, "role", "")))


def _membership_deleted(sender, instance, **kwargs):
    record(instance, "razem.membership_remove")


def _groups_changed(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        record(instance, "razem.permission_change", change=action, related=sorted(pk_set or []))


def connect_signals():
    """Connect the signal receivers that audit membership and permission changes."""
    for label in AUDITED_MEMBERSHIP_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_membership_saved, sender=model, dispatch_uid=f"audit-save-{label}")
        post_delete.connect(_membership_deleted, sender=model, dispatch_uid=f"audit-delete-{label}")
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit-user-groups")
    m2m_changed.connect(_groups_changed, sender=Group.permissions.through, dispatch_uid="audit-group-perms")
