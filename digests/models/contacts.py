"""Contact persons of member organisations, as recipients of membership communications.

Not digest subscribers: the Forum writes to its members' contact persons on the legal basis
recorded on each mailing. A row per address keeps the person's language and their opt-out,
which every later mailing to a contact audience honours.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .subscriptions import new_nonce


class Contact(models.Model):
    """One contact person's address (lower case), language and unsubscribe state."""

    ACTIVE, UNSUBSCRIBED = "active", "unsubscribed"
    STATUSES = [(ACTIVE, _("Receives membership communications")), (UNSUBSCRIBED, _("Unsubscribed"))]

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default=ACTIVE)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    token_nonce = models.CharField(max_length=16, default=new_nonce, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def unsubscribe(self, when=None):
        """No more membership communications; links sent before stop working (new nonce)."""
        self.status = self.UNSUBSCRIBED
        self.unsubscribed_at = when or timezone.now()
        self.token_nonce = new_nonce()
