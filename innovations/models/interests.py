"""Who wants to replicate an innovation, the author's answer, and the Secretariat's recommendations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

TIMEFRAMES = [
    ("3-months", _("Within 3 months")),
    ("6-months", _("Within 6 months")),
    ("12-months", _("Within a year")),
    ("later", _("Later or not decided yet")),
]


class ReplicationInterest(models.Model):
    """An organisation's record that it wants to replicate an innovation: who, why, when, and the answer."""

    innovation = models.ForeignKey("innovations.InnovationPage", verbose_name=_("innovation"),
                                   on_delete=models.CASCADE, related_name="interests",
                                   help_text=_("The item's original page (its lowest-id translation)."))
    organisation = models.ForeignKey("directory.OrganisationPage", verbose_name=_("interested organisation"),
                                     on_delete=models.CASCADE, related_name="innovation_interests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                             on_delete=models.SET_NULL, related_name="innovation_interests")
    reason = models.TextField(_("why"), max_length=2000)
    timeframe = models.CharField(_("when"), max_length=10, choices=TIMEFRAMES)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    answer = models.TextField(_("answer of the author organisation"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    need = models.ForeignKey("directory.SupportItem", verbose_name=_("need posted"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="innovation_interests")

    class Meta:
        verbose_name = _("interest in replicating")
        verbose_name_plural = _("interests in replicating")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["innovation", "organisation"],
                                               name="innovations_one_interest_per_organisation")]

    def __str__(self):
        return f"{self.organisation} → {self.innovation}"


class ScalingRecommendation(models.Model):
    """The Secretariat recommends an innovation for scaling (a decision of the Forum, not the author's
    content: kept beside the page, not in its revisions)."""

    innovation = models.OneToOneField("innovations.InnovationPage", verbose_name=_("innovation"),
                                      on_delete=models.CASCADE, related_name="recommendation",
                                      help_text=_("The item's original page (its lowest-id translation)."))
    note = models.TextField(_("why it is recommended"), blank=True, max_length=2000)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recommended by"), null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="+")
    recommended_at = models.DateTimeField(_("recommended at"), auto_now_add=True)

    panels = [FieldPanel("innovation"), FieldPanel("note")]

    class Meta:
        verbose_name = _("recommendation for scaling")
        verbose_name_plural = _("recommendations for scaling")
        ordering = ["-recommended_at"]

    def __str__(self):
        return str(self.innovation)
