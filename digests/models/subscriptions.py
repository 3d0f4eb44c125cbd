"""Who receives digests, what they asked for, and the consent they gave."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Content kinds a subscriber can choose; each `<app>/digest.py` source tags its items with one of them.
KINDS = [
    ("news", _("Forum news")),
    ("positions", _("Joint positions open for consultation or signature")),
    ("library", _("New library resources")),
    ("organisations", _("New organisations")),
    ("meetings", _("Meetings")),
    ("needs-offers", _("Needs and offers")),
    ("innovations", _("Innovations ready to scale")),
    ("group-news", _("News of my working groups")),
    ("member-updates", _("News from member organisations")),
]
KIND_CODES = [code for code, _label in KINDS]

DAILY, WEEKLY, MONTHLY = "daily", "weekly", "monthly"
FREQUENCIES = [(DAILY, _("Daily")), (WEEKLY, _("Weekly")), (MONTHLY, _("Monthly"))]


def new_nonce():
    """A random value signed into every link; rotating it invalidates the links sent before."""
    return secrets.token_urlsafe(9)


class Subscription(models.Model):
    """One e-mail address subscribed to digests, with its preferences."""

    PENDING, ACTIVE, UNSUBSCRIBED = "pending", "active", "unsubscribed"
    STATUSES = [(PENDING, _("Waiting for confirmation")), (ACTIVE, _("Active")), (UNSUBSCRIBED, _("Unsubscribed"))]

    email = models.EmailField(_("e-mail address"), unique=True, help_text=_("Stored in lower case."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="digest_subscriptions",
    )
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    frequency = models.CharField(_("frequency"), max_length=8, choices=FREQUENCIES, default=WEEKLY)
    kinds = models.JSONField(_("content kinds"), default=list, blank=True)
    sectors = models.ManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    voivodeships = models.ManyToManyField(
        "home.Voivodeship", verbose_name=_("voivodeships"), blank=True, related_name="+"
    )
    saved_search = models.CharField(
        _("saved search"), max_length=500, blank=True,
        help_text=_("The query string of a search page, e.g. q=housing+Lublin."),
    )
    token_nonce = models.CharField(max_length=16, default=new_nonce, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "frequency"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status == self.ACTIVE

    def activate(self, when=None):
        """Confirm the subscription (double opt-in done, or given from a verified account)."""
        self.status = self.ACTIVE
        self.confirmed_at = when or timezone.now()
        self.unsubscribed_at = None

    def unsubscribe(self, when=None):
        """Stop every digest and mailing; links sent before stop working (new nonce)."""
        self.status = self.UNSUBSCRIBED
        self.unsubscribed_at = when or timezone.now()
        self.token_nonce = new_nonce()
