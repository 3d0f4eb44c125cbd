"""Resources proposed by members from the public site, followed through the review workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceSubmission(models.Model):
    """A member's proposal: the draft page it created and who to tell about each review decision."""

    page = models.OneToOneField("library.ResourcePage", verbose_name=_("resource"), on_delete=models.CASCADE,
                                related_name="submission")
    contributor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("contributor"), null=True,
                                    on_delete=models.SET_NULL, related_name="library_submissions")
    note = models.TextField(_("note for the editors"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposed resource")
        verbose_name_plural = _("proposed resources")
        ordering = ["-submitted_at"]

    def __str__(self):
        return str(self.page)
