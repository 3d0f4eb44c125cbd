"""One e-mail owed to one subscriber: the record that makes sending exactly-once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """A digest of one period, or one mailing, for one subscriber.

    The unique (subscription, key) pair is claimed before anything is sent, so a
    second run, a retry or a restarted worker finds the record and sends nothing
    twice. States: queued → sending → sent | skipped (nothing new) | failed
    (retried with exponential back-off until `next_attempt_at` is empty).
    """

    QUEUED, SENDING, SENT, SKIPPED, FAILED = "queued", "sending", "sent", "skipped", "failed"
    STATES = [
        (QUEUED, _("Queued")),
        (SENDING, _("Sending")),
        (SENT, _("Sent")),
        (SKIPPED, _("Nothing to send")),
        (FAILED, _("Failed")),
    ]

    # A subscriber's digest or mailing, or a mailing to a member organisation's contact person.
    subscription = models.ForeignKey("digests.Subscription", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="deliveries")
    contact = models.ForeignKey("digests.Contact", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="deliveries")
    key = models.CharField(_("period or mailing"), max_length=64, help_text=_("e.g. digest:weekly:2026-W47 or mailing:12"))
    mailing = models.ForeignKey(
        "digests.Mailing", null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=STATES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="digests_one_delivery_per_key"),
            models.UniqueConstraint(fields=["contact", "key"], name="digests_one_contact_delivery_per_key"),
            models.CheckConstraint(condition=models.Q(subscription__isnull=True) ^ models.Q(contact__isnull=True),
                                   name="digests_delivery_has_one_recipient"),
        ]
        indexes = [models.Index(fields=["key", "state"]), models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.key} → {self.recipient} ({self.state})"

    @property
    def recipient(self):
        """The Subscription or the Contact this delivery is for."""
        return self.subscription if self.subscription_id else self.contact
