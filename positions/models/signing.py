"""Co-signing: one signature per organisation and position; reminders and the organisations' opt-out."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Signature(models.Model):
    """An organisation's signature under a position, given by one of its managers.

    The organisation is named in public; who signed is seen only by the Secretariat and in the
    audit log. The unique pair makes a second signature impossible, even from two requests at once.
    """

    position = models.ForeignKey("positions.PositionPage", verbose_name=_("position"), on_delete=models.CASCADE,
                                 related_name="signatures")
    organisation = models.ForeignKey("directory.OrganisationPage", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="position_signatures")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed by"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["position_id", "signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["position", "organisation"],
                                               name="positions_one_signature_per_organisation")]

    def __str__(self):
        return f"{self.organisation} → {self.position}"


class ReminderOptOut(models.Model):
    """An organisation that asked not to be reminded of positions' deadlines (its managers decide)."""

    organisation = models.OneToOneField("directory.OrganisationPage", verbose_name=_("organisation"),
                                        on_delete=models.CASCADE, related_name="position_reminder_opt_out")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder opt-out")
        verbose_name_plural = _("reminder opt-outs")


class Reminder(models.Model):
    """One reminder owed to one organisation about one deadline: claimed (unique) before it is sent,
    so a second run, a retry or a second worker never sends it twice."""

    WEEK, DAY = "week", "day"
    STAGES = [(WEEK, _("a week before")), (DAY, _("a day before"))]
    QUEUED, SENDING, SENT, FAILED, SKIPPED = "queued", "sending", "sent", "failed", "skipped"
    STATES = [(QUEUED, _("Queued")), (SENDING, _("Sending")), (SENT, _("Sent")), (FAILED, _("Failed")),
              (SKIPPED, _("Nothing to send"))]

    position = models.ForeignKey("positions.PositionPage", on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey("directory.OrganisationPage", on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(_("phase"), max_length=16)
    stage = models.CharField(_("when"), max_length=8, choices=STAGES)
    state = models.CharField(_("state"), max_length=8, choices=STATES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["position", "organisation", "phase", "stage"],
                                               name="positions_one_reminder_per_stage")]
