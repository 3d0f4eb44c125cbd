"""Needs and offers of support, the notices sent about matches, and partnerships."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.versions import VersionedModelMixin, VersionedQuerySet

from .entry import SupportItemMasks


class SupportItemQuerySet(VersionedQuerySet):
    def open(self, today=None):
        """Items still looking for a partner: open or in talks, not past their valid-until date."""
        today = today or timezone.localdate()
        return self.filter(status__in=SupportItem.ACTIVE).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today)
        )

    def in_default_language(self):
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class SupportItem(VersionedModelMixin, TranslatableMixin, index.Indexed, SupportItemMasks, ClusterableModel):
    """A need or an offer of support posted by an organisation (editors translate it like a snippet)."""

    # Cached counts and matching pools carry this version; every write bumps it (home.versions).
    READ_MODEL_VERSION = "directory-items"

    NEED = "need"
    OFFER = "offer"
    KINDS = [(NEED, _("need")), (OFFER, _("offer"))]
    OPEN = "open"
    IN_TALKS = "in-talks"
    MATCHED = "matched"
    CLOSED = "closed"
    STATUSES = [(OPEN, _("open")), (IN_TALKS, _("in talks")), (MATCHED, _("matched")), (CLOSED, _("closed"))]
    ACTIVE = (OPEN, IN_TALKS)

    kind = models.CharField(_("need or offer"), max_length=5, choices=KINDS)
    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="support_items",
    )
    support_type = models.ForeignKey(
        "home.SupportType", verbose_name=_("support type"), on_delete=models.PROTECT, related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    sectors = ParentalManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True,
                                      related_name="directory_support_items")
    regions = ParentalManyToManyField("home.Voivodeship", verbose_name=_("voivodeships"), blank=True,
                                      related_name="directory_support_items")
    nationwide = models.BooleanField(_("anywhere in Poland"), default=False)
    target_groups = ParentalManyToManyField("home.TargetGroup", verbose_name=_("target groups"), blank=True,
                                            related_name="directory_support_items")
    languages = ParentalManyToManyField("home.Language", verbose_name=_("languages"), blank=True,
                                        related_name="directory_support_items")
    amount = models.DecimalField(_("amount (PLN)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    capacity = models.CharField(pgettext_lazy("support offer", "capacity"), max_length=200, blank=True,
                                help_text=_("E.g. “10 volunteers”, “40 hours of counselling”."))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # The *_mask columns (facets, coverage, matching) are derived: directory.models.entry.SupportItemMasks.

    objects = SupportItemQuerySet.as_manager()

    panels = [
        FieldPanel("kind"), FieldPanel("organisation"), FieldPanel("support_type"), FieldPanel("title"),
        FieldPanel("description"), FieldPanel("sectors"), FieldPanel("regions"), FieldPanel("nationwide"),
        FieldPanel("target_groups"), FieldPanel("languages"), FieldPanel("amount"), FieldPanel("capacity"),
        FieldPanel("valid_until"), FieldPanel("status"),
    ]
    translatable_fields = [TranslatableField("title"), TranslatableField("description"),
                           TranslatableField("capacity")] + [
        SynchronizedField(name) for name in (
            "kind", "organisation", "support_type", "sectors", "regions", "nationwide", "target_groups", "languages",
            "amount", "valid_until", "status", "created_by", "created_at",
        )
    ]
    search_fields = [
        index.SearchField("title"), index.SearchField("description"), index.FilterField("locale_id"),
        index.FilterField("kind"), index.FilterField("status"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["-created_at", "-pk"]
        # Matching reads one pool: the open items of one support type and kind.
        indexes = [models.Index(fields=["support_type", "kind", "status"], name="directory_item_pool")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # After ClusterableModel.save() the many-to-many rows are in the database: derive the masks from them.
        from ..entries import refresh_item_masks

        refresh_item_masks([self])

    def clean(self):
        super().clean()
        if self.valid_until and self.valid_until < timezone.localdate() and self.status in self.ACTIVE:
            raise ValidationError({"valid_until": _("The valid-until date is in the past.")})

    @property
    def is_active(self):
        return self.status in self.ACTIVE and (self.valid_until is None or self.valid_until >= timezone.localdate())

    @property
    def other_kind(self):
        return self.OFFER if self.kind == self.NEED else self.NEED

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("directory:item", args=[self.source_pk])

    @property
    def source_pk(self):
        """The id of the item in the default language (the one partnerships and matches use)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self.pk
        source = SupportItem.objects.filter(translation_key=self.translation_key,
                                            locale__language_code=settings.LANGUAGE_CODE).first()
        return source.pk if source else self.pk


class MatchNotification(models.Model):
    """Records that the managers were told about a need–offer pair, so they are told only once."""

    need = models.ForeignKey(SupportItem, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(SupportItem, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("match notice")
        verbose_name_plural = _("match notices")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="directory_match_notified_once")]


class Partnership(VersionedModelMixin, models.Model):
    """A partnership between the organisation with a need and the one with an offer."""

    # Organisation profiles keep their partnerships under this version; every write bumps it (home.versions).
    READ_MODEL_VERSION = "directory-partnerships"

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    STATUSES = [(PROPOSED, _("proposed")), (ACCEPTED, _("accepted")), (DECLINED, _("declined"))]

    need = models.ForeignKey(SupportItem, verbose_name=_("need"), on_delete=models.CASCADE,
                             related_name="partnerships_as_need")
    offer = models.ForeignKey(SupportItem, verbose_name=_("offer"), on_delete=models.CASCADE,
                              related_name="partnerships_as_offer")
    proposed_by = models.ForeignKey("directory.OrganisationPage", verbose_name=_("proposed by"),
                                    on_delete=models.CASCADE, related_name="+")
    proposed_by_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                         related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PROPOSED)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("since"), null=True, blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="directory_one_partnership_per_pair")]

    def __str__(self):
        return f"{self.need.organisation} ↔ {self.offer.organisation}: {self.need.title}"
