"""One-off mailings that editors compose in the admin, translated like every other snippet.

A mailing is written in Polish (the source) and translated into uk and en with wagtail-localize
(TranslatableMixin: the translations share its translation_key). Only the source is sent; each
recipient gets the version in their language, the Polish one (with a note) when it is missing.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class Mailing(TranslatableMixin, PreviewableMixin, models.Model):
    """A message the secretariat sends once to a chosen audience of subscribers."""

    ALL, MEMBERS, GROUPS, SECTORS, REGIONS = "all", "members", "groups", "sectors", "regions"
    CONTACTS = "contacts"
    AUDIENCES = [
        (ALL, _("All subscribers")),
        (MEMBERS, _("Subscribers with a member account")),
        (GROUPS, _("Subscribers who are members of the chosen working groups")),
        (SECTORS, _("Subscribers of the chosen sectors")),
        (REGIONS, _("Subscribers of the chosen voivodeships")),
        (CONTACTS, _("Contact persons of member organisations (chosen voivodeships, sectors, working groups "
                     "and roles)")),
    ]
    # Why the Forum may write to contact persons who did not subscribe (GDPR art. 6(1)).
    LEGAL_BASES = [
        ("legitimate-interest", _("Legitimate interest: communication with member organisations (art. 6(1)(f) GDPR)")),
        ("membership", _("Membership terms the organisation accepted (art. 6(1)(b) GDPR)")),
        ("consent", _("Consent of the contact persons (art. 6(1)(a) GDPR)")),
    ]
    DRAFT, SENDING, SENT = "draft", "sending", "sent"
    STATUSES = [(DRAFT, _("Draft")), (SENDING, _("Sending")), (SENT, _("Sent"))]

    title = models.CharField(_("internal title"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = RichTextField(_("message"), features=RICH_TEXT_FEATURES)
    audience = models.CharField(_("audience"), max_length=16, choices=AUDIENCES, default=ALL)
    sectors = models.ManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    voivodeships = models.ManyToManyField(
        "home.Voivodeship", verbose_name=_("voivodeships"), blank=True, related_name="+"
    )
    working_groups = models.ManyToManyField(
        "groups.WorkingGroupPage", verbose_name=_("working groups"), blank=True, related_name="+"
    )
    to_profile_contacts = models.BooleanField(
        _("contact persons named in the organisations' profiles"), default=True)
    to_managers = models.BooleanField(_("managers of the organisations"), default=True)
    to_members = models.BooleanField(_("other members of the organisations"), default=False)
    legal_basis = models.CharField(
        _("legal basis"), max_length=24, choices=LEGAL_BASES, blank=True,
        help_text=_("Required for contact persons: recorded with the mailing and in the audit log when it is sent."),
    )
    status = models.CharField(_("status"), max_length=8, choices=STATUSES, default=DRAFT, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("working_groups"),
             FieldRowPanel([FieldPanel("sectors"), FieldPanel("voivodeships")]),
             FieldRowPanel([FieldPanel("to_profile_contacts"), FieldPanel("to_managers"), FieldPanel("to_members")],
                           heading=_("Contact persons: who in each organisation")),
             FieldPanel("legal_basis")],
            heading=_("Audience"),
        ),
        FieldPanel("subject"),
        FieldPanel("body"),
    ]
    # What translators translate; the audience is the source's (only the source is sent).
    translatable_fields = [
        TranslatableField("subject"), TranslatableField("body"), SynchronizedField("title"),
        SynchronizedField("audience"), SynchronizedField("legal_basis"), SynchronizedField("to_profile_contacts"),
        SynchronizedField("to_managers"), SynchronizedField("to_members"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        permissions = [("send_mailing", _("Can send mailings to subscribers"))]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.audience == self.CONTACTS:
            if not self.legal_basis:
                errors["legal_basis"] = _("Choose the legal basis for writing to contact persons.")
            if not (self.to_profile_contacts or self.to_managers or self.to_members):
                errors["to_profile_contacts"] = _("Choose at least one role of contact persons.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_source(self):
        """True for the mailing in the default language: the one that is sent (translations are not)."""
        return self.locale_id == Locale.get_default().pk

    def source(self):
        """The mailing in the default language (the one that is sent), this one when it is."""
        if self.is_source:
            return self
        return Mailing.objects.get(translation_key=self.translation_key, locale=Locale.get_default())

    def versions(self):
        """{language code: (subject, body)} of this mailing and its translations (read once per object)."""
        if "_versions" not in self.__dict__:
            self._versions = {
                code: (subject, body) for code, subject, body in Mailing.objects.filter(
                    translation_key=self.translation_key).values_list("locale__language_code", "subject", "body")
            }
            if self.locale_id:  # the object itself as edited (a preview of unsaved changes)
                self._versions[self.locale.language_code] = (self.subject, self.body)
        return self._versions

    def version(self, language):
        """(subject, body html, language actually used): the default language stands in for a missing one."""
        versions = self.versions()
        if language in versions:
            return (*versions[language], language)
        default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in versions else self.locale.language_code
        return (*versions[default], default)

    def translate(self, language, subject, body):
        """Create (or update) the translation in `language` from code (demo data, tests, imports)."""
        locale = Locale.objects.get(language_code=language)
        translation = self.get_translation_or_none(locale) or self.copy_for_translation(locale)
        translation.subject, translation.body = subject, body
        translation.save()
        self.__dict__.pop("_versions", None)
        return translation

    @property
    def is_draft(self):
        return self.status == self.DRAFT

    # Wagtail live preview: one mode per language version.
    @property
    def preview_modes(self):
        return [(code, name) for code, name in settings.LANGUAGES]

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def get_preview_template(self, request, mode_name):
        return "digests/emails/mailing.html"

    def get_preview_context(self, request, mode_name):
        from ..emails import mailing_context

        return mailing_context(self, mode_name, unsubscribe_url="#", preferences_url="#")
