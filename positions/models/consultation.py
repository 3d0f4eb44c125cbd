"""The consultation of a position: its versions and the members' comments on its paragraphs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 4000


class PositionVersion(models.Model):
    """One published draft of a position's authoritative (Polish) text; earlier ones are kept.

    `paragraphs` is [[paragraph id, text], …]: versions are compared paragraph by paragraph.
    """

    position = models.ForeignKey("positions.PositionPage", verbose_name=_("position"), on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    paragraphs = models.JSONField(_("paragraphs"), default=list)
    created_at = models.DateTimeField(_("published"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("version of a position")
        verbose_name_plural = _("versions of positions")
        ordering = ["position_id", "number"]
        constraints = [models.UniqueConstraint(fields=["position", "number"], name="positions_one_version_number")]

    def __str__(self):
        return f"{self.title} v{self.number}"


class Comment(models.Model):
    """A member's comment on one paragraph during the consultation, and the owners' answer."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        REJECTED = "rejected", _("Not accepted")

    position = models.ForeignKey("positions.PositionPage", verbose_name=_("position"), on_delete=models.CASCADE,
                                 related_name="comments")
    version = models.ForeignKey(PositionVersion, verbose_name=_("version"), on_delete=models.CASCADE,
                                related_name="comments")
    paragraph = models.CharField(_("paragraph"), max_length=64)
    # Kept without its author when the person's data is erased (positions.privacy): the comment
    # belongs to the consultation.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True,
                               on_delete=models.SET_NULL, related_name="position_comments")
    organisation = models.ForeignKey("directory.OrganisationPage", verbose_name=_("organisation"),
                                     on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    reason = models.TextField(_("reason"), blank=True, max_length=COMMENT_MAX_LENGTH)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["position_id", "created_at", "pk"]
        indexes = [models.Index(fields=["position", "paragraph"])]

    def __str__(self):
        return f"{self.organisation} · {self.text[:40]}"


class PhaseOpened(models.Model):
    """When a position was first published in a phase (digests announce openings, once each)."""

    position = models.ForeignKey("positions.PositionPage", on_delete=models.CASCADE, related_name="phase_openings")
    phase = models.CharField(_("phase"), max_length=16)
    at = models.DateTimeField(_("opened"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("phase opened")
        verbose_name_plural = _("phases opened")
        constraints = [models.UniqueConstraint(fields=["position", "phase"], name="positions_phase_opened_once")]
