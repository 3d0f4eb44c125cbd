"""Settings of the "who does what where" page that editors adjust."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="table")
class CoverageSettings(BaseGenericSetting):
    """How many organisations with a common target group make a cell a possible overlap."""

    overlap_threshold = models.PositiveSmallIntegerField(
        _("overlap threshold"), default=5, validators=[MinValueValidator(2)],
        help_text=_("A cell is marked as a possible overlap when at least this many organisations in it "
                    "serve the same target group."),
    )

    panels = [FieldPanel("overlap_threshold")]

    class Meta:
        verbose_name = _("coverage settings")
