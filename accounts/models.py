"""People who use the site: members, coordinators, editors."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail_localize.fields import SynchronizedField

from home.models import BasePage


class User(AbstractUser):
    """A person with an account; e-mail is the identity, language drives their e-mails."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Language of the e-mails this person receives."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email or self.username


class ConsentRecord(models.Model):
    """One consent given by a person: what they agreed to, which text version, when and how.

    Withdrawing keeps the record (accountability) and stamps `withdrawn_at`.
    """

    class Purpose(models.TextChoices):
        TERMS = "terms", _("Terms of use")
        PRIVACY = "privacy", _("Privacy policy")
        DIGESTS = "digests", _("E-mail digests")
        MEETING_DATA = "meeting-data", _("Sharing meeting registration data")

    class Method(models.TextChoices):
        SIGNUP = "signup-form", _("Sign-up form")
        REACCEPTANCE = "re-acceptance", _("Acceptance of a new version")
        SUBSCRIPTION = "subscription-form", _("Subscription form")
        MEETING = "meeting-form", _("Meeting registration form")
        ADMIN = "admin", _("Recorded by an editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consents",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    version = models.CharField(_("text version"), max_length=40)
    text = models.TextField(_("text shown"))
    method = models.CharField(_("how it was given"), max_length=20, choices=Method.choices)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["user", "purpose", "-given_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.version} ({self.email or self.user_id})"

    @property
    def active(self):
        """True while the consent has not been withdrawn."""
        return self.withdrawn_at is None


class DataExport(models.Model):
    """A person's personal-data export, built in the background and downloadable until it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    # Kept in the database, not in media storage, so that no public URL can ever reach it.
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.user} {self.requested_at:%Y-%m-%d %H:%M}"


class LegalPage(BasePage):
    """The privacy policy or the terms of use, with a version people accept.

    Raising `version` asks every signed-in person to accept the new text.
    """

    class Kind(models.TextChoices):
        TERMS = "terms", _("Terms of use")
        PRIVACY = "privacy", _("Privacy policy")

    kind = models.CharField(_("document"), max_length=10, choices=Kind.choices)
    version = models.CharField(
        _("version"), max_length=40,
        help_text=_("Change it when the text changes in substance: signed-in people will be asked to accept it again."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("kind"), FieldPanel("version")]
    override_translatable_fields = [SynchronizedField("kind"), SynchronizedField("version")]
    subpage_types = []

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")


class SystemKey(models.Model):
    """A stable code for a row the code relies on (a role's group, a workflow, a task, a
    collection) whose name is only a label: editors may rename it, the code finds it by this key
    (accounts.keys)."""

    key = models.SlugField(_("key"), max_length=64)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("system key")
        verbose_name_plural = _("system keys")
        constraints = [models.UniqueConstraint(fields=["content_type", "key"], name="accounts_systemkey_unique")]
        indexes = [models.Index(fields=["content_type", "object_id"], name="accounts_systemkey_object")]

    def __str__(self):
        return self.key
