"""Editable pieces of the frame that are not pages: footer text and site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet


@register_snippet
class FooterText(TranslatableMixin, models.Model):
    """The footer's text in each language (who runs the Forum, contact)."""

    body = RichTextField(_("text"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return str(_("Footer text ({language})")).format(language=self.locale.language_code)


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    """Contact details and links shown across the site."""

    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    security_contact = models.EmailField(
        _("security contact e-mail"), blank=True, help_text=_("Published in /.well-known/security.txt.")
    )
    facebook_url = models.URLField(_("Facebook address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn address"), blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("security_contact"),
        FieldPanel("facebook_url"),
        FieldPanel("linkedin_url"),
    ]

    class Meta:
        verbose_name = _("site settings")
