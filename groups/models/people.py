"""People in groups and meetings: a group's space (roles, documents), memberships, registrations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GroupSpace(models.Model):
    """What a working group owns outside the page tree: its coordinators' and members' permission
    groups and its document collection. One per group, shared by the group's translations."""

    translation_key = models.UUIDField(_("translation key"), unique=True)
    coordinators = models.OneToOneField(
        "auth.Group", verbose_name=_("coordinators' permission group"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.OneToOneField(
        "auth.Group", verbose_name=_("members' permission group"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("document collection"), on_delete=models.PROTECT, related_name="+"
    )
    members_collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("members-only documents"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("A sub-collection of the group's collection whose documents only the group's members download."),
    )

    class Meta:
        verbose_name = _("group space")
        verbose_name_plural = _("group spaces")

    def __str__(self):
        return self.collection.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        """Accepted members and coordinators."""
        return self.filter(status=GroupMembership.Status.ACTIVE)

    def pending(self):
        """Requests waiting for a coordinator's answer."""
        return self.filter(status=GroupMembership.Status.PENDING)

    def coordinators(self):
        return self.active().filter(role=GroupMembership.Role.COORDINATOR)


class GroupMembership(models.Model):
    """A person's place in a working group: a request, an invitation or an active membership."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Request pending")
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Member")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    group = models.ForeignKey(
        "groups.WorkingGroupPage", verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="group_memberships",
        help_text=_("The member organisation the person represents in the group."),
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="groups_membership_unique")]
        ordering = ["group", "-role", "user__last_name", "user__first_name"]

    def __str__(self):
        return f"{self.user} – {self.group}"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_coordinator(self):
        return self.is_active and self.role == self.Role.COORDINATOR


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=MeetingRegistration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=MeetingRegistration.Status.WAITLISTED)

    def in_queue_order(self):
        return self.order_by("registered_at", "pk")


class MeetingRegistration(models.Model):
    """A person's registration for a meeting: confirmed, on the waitlist or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    class Interpretation(models.TextChoices):
        NONE = "", _("No interpretation needed")
        PL = "pl", _("Into Polish")
        UK = "uk", _("Into Ukrainian")
        EN = "en", _("Into English")

    meeting = models.ForeignKey(
        "groups.MeetingPage", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    interpretation = models.CharField(
        _("interpretation"), max_length=4, choices=Interpretation.choices, blank=True, default=""
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(_("promoted from the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting registration")
        verbose_name_plural = _("meeting registrations")
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="groups_registration_unique")]
        indexes = [
            models.Index(
                fields=["meeting", "status", "registered_at"], name="groups_registration_queue",
            ),
            models.Index(
                fields=["status"], condition=Q(reminder_sent_at__isnull=True), name="groups_registration_remind"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.meeting}"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == self.Status.WAITLISTED

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
