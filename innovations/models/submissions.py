"""Innovations submitted by members from the public site, followed through the review workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InnovationSubmission(models.Model):
    """A member's submission: the draft page it created, for which organisation, and who to tell."""

    page = models.OneToOneField("innovations.InnovationPage", verbose_name=_("innovation"), on_delete=models.CASCADE,
                                related_name="submission")
    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("contributor"), null=True,
                                    on_delete=models.SET_NULL, related_name="innovation_submissions")
    note = models.TextField(_("note for the Secretariat"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted innovation")
        verbose_name_plural = _("submitted innovations")
        ordering = ["-submitted_at"]

    def __str__(self):
        return str(self.page)
