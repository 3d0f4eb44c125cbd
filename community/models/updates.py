"""Member updates: what an organisation does, plans, struggles with, or whom it looks for."""

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxLengthValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from home.versions import VersionedModelMixin, VersionedQuerySet

from .discussions import Hideable

MAX_UPDATE_LENGTH = 5_000


def excerpt(text):
    """The first words of a text on one line (listings, profile, e-mail)."""
    return Truncator(" ".join(text.split())).chars(90)
DOCUMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp"]


class UpdateQuerySet(VersionedQuerySet):
    def shown(self):
        """Updates not hidden by editors."""
        return self.filter(hidden=False)

    def challenges(self):
        """Updates of kind "challenge"."""
        return self.filter(kind=OrganisationUpdate.Kind.CHALLENGE)


class OrganisationUpdate(VersionedModelMixin, Hideable):
    """A short update posted by an organisation's member: an activity, a plan, a challenge or a call for partners.

    Every write bumps READ_MODEL_VERSION (home.versions), bulk writes and places (signals.py) included:
    the feed, the home page's section and the profiles keep what they show under it."""

    READ_MODEL_VERSION = "community-updates"

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        PLAN = "plan", _("Plan")
        CHALLENGE = "challenge", _("Challenge")
        CALL = "call-for-partners", _("Call for partners")

    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="community_updates", help_text=_("The organisation's page in the default language."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    text = models.TextField(_("text"), validators=[MaxLengthValidator(MAX_UPDATE_LENGTH)])
    image = models.ImageField(_("image"), upload_to="community/updates/%Y/%m/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    document = models.FileField(
        _("document"), upload_to="community/updates/%Y/%m/", blank=True,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    sectors = models.ManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    voivodeships = models.ManyToManyField(
        "home.Voivodeship", verbose_name=_("voivodeships"), blank=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    working_group = models.ForeignKey(
        "groups.WorkingGroupPage", verbose_name=_("working group"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("A challenge the working group takes up."),
    )
    need = models.ForeignKey(
        "directory.SupportItem", verbose_name=_("need"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", limit_choices_to={"kind": "need"},
        help_text=_("A need in the directory that this challenge relates to."),
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("member update")
        verbose_name_plural = _("member updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["hidden", "kind", "-created_at"])]

    def __str__(self):
        return f"{self.organisation.title}: {self.get_kind_display()}"

    @property
    def excerpt(self):
        """The first words of the text, for listings and e-mail subjects."""
        return excerpt(self.text)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("community:update", args=[self.pk])
