"""Who belongs to which organisation, how they got there, and what we told them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.versions import VersionedQuerySet


def new_token():
    return secrets.token_urlsafe(32)


class Membership(models.Model):
    """A person's membership of an organisation; managers also invite and manage colleagues.

    Always points at the organisation's page in the default language (its source);
    use `directory.permissions` rather than querying this table by hand.
    """

    MANAGER = "manager"
    MEMBER = "member"
    ROLES = [(MANAGER, _("manager")), (MEMBER, _("member"))]

    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="directory_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=ROLES, default=MEMBER)
    notify_matches = models.BooleanField(
        _("e-mail me about matching needs and offers"), default=True,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="directory_unique_membership")]
        ordering = ["organisation_id", "role", "user_id"]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An invitation, sent by a manager, to join an organisation; the link works once."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=Membership.ROLES, default=Membership.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class Registration(models.Model):
    """A registration submitted from the public site, and the Secretariat's decision."""

    PENDING = "pending"
    CHANGES_REQUESTED = "changes"
    APPROVED = "approved"
    REJECTED = "rejected"
    STATUSES = [(PENDING, _("waiting for moderation")), (CHANGES_REQUESTED, _("changes requested")),
                (APPROVED, _("approved")), (REJECTED, _("rejected"))]
    OPEN = (PENDING, CHANGES_REQUESTED)
    """The applicant may still view, edit and (after a request for changes) resubmit."""
    # Bumped by every write (directory.start's signals; bulk writes through the QuerySet): the account
    # menu keeps a person's open registrations under it.
    READ_MODEL_VERSION = "directory:registrations"

    organisation = models.OneToOneField(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="registration",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrant"), null=True, on_delete=models.SET_NULL,
        related_name="directory_registrations",
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING)
    reason = models.TextField(_("reason given"), blank=True)
    translations = models.JSONField(_("descriptions in other languages"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status in self.OPEN


class ReminderLog(models.Model):
    """A reminder e-mailed about an organisation (kept apart from the page so revisions never undo it)."""

    STALE = "stale"
    KINDS = [(STALE, _("profile not confirmed for 12 months"))]

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="reminders",
    )
    kind = models.CharField(max_length=20, choices=KINDS, default=STALE)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
