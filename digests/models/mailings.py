"""One-off mailings that editors compose in the admin, in pl, uk and en."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import PreviewableMixin

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]
VERSION_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class Mailing(PreviewableMixin, models.Model):
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
    subject_pl = models.CharField(_("subject (Polish)"), max_length=200)
    body_pl = RichTextField(_("message (Polish)"), features=RICH_TEXT_FEATURES)
    subject_uk = models.CharField(_("subject (Ukrainian)"), max_length=200, blank=True)
    body_uk = RichTextField(_("message (Ukrainian)"), features=RICH_TEXT_FEATURES, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = RichTextField(_("message (English)"), features=RICH_TEXT_FEATURES, blank=True)
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
        MultiFieldPanel([FieldPanel("subject_pl"), FieldPanel("body_pl")], heading=_("Polish")),
        MultiFieldPanel([FieldPanel("subject_uk"), FieldPanel("body_uk")], heading=_("Ukrainian")),
        MultiFieldPanel([FieldPanel("subject_en"), FieldPanel("body_en")], heading=_("English")),
    ]

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        permissions = [("send_mailing", _("Can send mailings to subscribers"))]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for code in VERSION_LANGUAGES:
            subject, body = getattr(self, f"subject_{code}"), getattr(self, f"body_{code}")
            if bool(subject.strip()) != bool(body.strip()):
                field = f"body_{code}" if subject.strip() else f"subject_{code}"
                errors[field] = _("Give both the subject and the message of this language, or neither.")
        if self.audience == self.CONTACTS:
            if not self.legal_basis:
                errors["legal_basis"] = _("Choose the legal basis for writing to contact persons.")
            if not (self.to_profile_contacts or self.to_managers or self.to_members):
                errors["to_profile_contacts"] = _("Choose at least one role of contact persons.")
        if errors:
            raise ValidationError(errors)

    def version(self, language):
        """(subject, body html, language actually used): the Polish version stands in for a missing one."""
        subject = getattr(self, f"subject_{language}", "")
        if subject:
            return subject, getattr(self, f"body_{language}"), language
        return self.subject_pl, self.body_pl, "pl"

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
