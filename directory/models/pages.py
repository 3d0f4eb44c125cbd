"""The directory's pages: the browsable index and one page per member organisation."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import LEGAL_FORMS, Voivodeship

from ..validators import validate_krs, validate_nip, validate_web_url

STALE_AFTER = datetime.timedelta(days=365)


def current_year():
    return timezone.localdate().year


def validate_founded_year(value):
    """A founding year lies between 1800 and this year."""
    if value is not None and value > current_year():
        raise ValidationError(_("The founding year cannot be in the future."), code="future_year")


class DirectoryIndexPage(Page):
    """The member directory: searchable, filterable list of the Forum's organisations."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["directory.OrganisationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory index")

    def get_context(self, request, *args, **kwargs):
        from ..browse import browse
        from ..permissions import is_editor

        context = super().get_context(request, *args, **kwargs)
        context.update(browse(request, self))
        context["can_export"] = is_editor(request.user)
        return context


class OrganisationPage(Page):
    """A member organisation's public profile; its members keep it current."""

    legal_form = models.CharField(_("legal form"), max_length=20, choices=LEGAL_FORMS, blank=True)
    krs = models.CharField(_("KRS number"), max_length=10, blank=True, db_index=True, validators=[validate_krs])
    nip = models.CharField(_("NIP"), max_length=10, blank=True, db_index=True, validators=[validate_nip])
    website = models.URLField(_("website"), max_length=300, blank=True, validators=[validate_web_url])
    email = models.EmailField(_("public e-mail"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100)
    voivodeship = models.ForeignKey(
        "home.Voivodeship", verbose_name=_("voivodeship"), null=True, on_delete=models.PROTECT,
        related_name="directory_organisations_seated",
    )
    regions_served = ParentalManyToManyField(
        "home.Voivodeship", verbose_name=_("regions served"), blank=True,
        related_name="directory_organisations_serving",
    )
    nationwide = models.BooleanField(_("works nationwide"), default=False)
    sectors = ParentalManyToManyField("home.Sector", verbose_name=_("sectors"), related_name="directory_organisations")
    target_groups = ParentalManyToManyField(
        "home.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="directory_organisations"
    )
    languages = ParentalManyToManyField(
        "home.Language", verbose_name=_("working languages"), blank=True, related_name="directory_organisations"
    )
    support_offered = ParentalManyToManyField(
        "home.SupportType", verbose_name=_("support offered"), blank=True,
        related_name="directory_organisations_offering",
    )
    support_needed = ParentalManyToManyField(
        "home.SupportType", verbose_name=_("support needed"), blank=True,
        related_name="directory_organisations_needing",
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True,
        validators=[MinValueValidator(1800), validate_founded_year],
    )
    contact_name = models.CharField(
        _("contact person"), max_length=120, blank=True,
        help_text=_("Seen only by the Secretariat and the organisation's members."),
    )
    contact_email = models.EmailField(_("contact person's e-mail"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)
    last_confirmed_at = models.DateTimeField(_("last confirmed as current"), null=True, blank=True)

    content_panels = [
        FieldPanel("title", heading=pgettext_lazy("organisation", "Name")),
        FieldPanel("legal_form"),
        MultiFieldPanel([FieldPanel("krs"), FieldPanel("nip"), FieldPanel("founded_year")], heading=_("Registry")),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], heading=_("Public contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("city"), FieldPanel("voivodeship"),
                FieldPanel("regions_served", widget=CheckboxSelectMultiple), FieldPanel("nationwide"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sectors", widget=CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=CheckboxSelectMultiple),
                FieldPanel("languages", widget=CheckboxSelectMultiple),
                FieldPanel("support_offered", widget=CheckboxSelectMultiple),
                FieldPanel("support_needed", widget=CheckboxSelectMultiple),
            ],
            heading=_("What and for whom"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact person (not public)"),
        ),
        FieldPanel("last_confirmed_at", read_only=True),
    ]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("locale_id"),
        index.FilterField("nip"),
    ]

    # Name, seat city and description are translated; everything else follows the source page.
    SYNCHRONISED = [
        "legal_form", "krs", "nip", "website", "email", "phone", "voivodeship", "regions_served",
        "nationwide", "sectors", "target_groups", "languages", "support_offered", "support_needed", "logo",
        "founded_year", "contact_name", "contact_email", "contact_phone", "last_confirmed_at",
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("description"),
        TranslatableField("city"),
        SynchronizedField("slug"),
    ] + [SynchronizedField(name) for name in SYNCHRONISED]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        super().clean()
        duplicate = self.find_duplicate(nip=self.nip, krs=self.krs)
        if duplicate is not None:
            field = "nip" if self.nip and duplicate.nip == self.nip else "krs"
            raise ValidationError({field: _("An organisation with this number is already registered: %(name)s.")
                                   % {"name": duplicate.title}})

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # After ClusterableModel.save() the many-to-many rows are stored: the directory entry can be rewritten.
        from ..entries import refresh_entries

        refresh_entries([self.translation_key])
        return result

    def find_duplicate(self, nip="", krs=""):
        """Another organisation (any state) with the same NIP or KRS, or None."""
        query = models.Q()
        if nip:
            query |= models.Q(nip=nip)
        if krs:
            query |= models.Q(krs=krs)
        if not query:
            return None
        others = OrganisationPage.objects.filter(query)
        if self.translation_key:
            others = others.exclude(translation_key=self.translation_key)
        return others.only("title", "nip", "krs").first()

    @cached_property
    def source(self):
        """The organisation's page in the default language: memberships and data hang on it."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return OrganisationPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    @property
    def confirmed_at(self):
        """When the profile was last confirmed (or first published) as current."""
        return self.last_confirmed_at or self.first_published_at or self.latest_revision_created_at

    @property
    def is_stale(self):
        """True when nobody confirmed the profile for 12 months."""
        confirmed = self.confirmed_at
        return confirmed is not None and timezone.now() - confirmed > STALE_AFTER

    @property
    def months_since_confirmed(self):
        confirmed = self.confirmed_at
        if confirmed is None:
            return None
        return max(0, (timezone.now() - confirmed).days // 30)

    VOCABULARIES = ("regions_served", "sectors", "target_groups", "languages", "support_offered", "support_needed")

    def vocabularies(self):
        """{field name: [terms]} of the six vocabularies of this page, in ONE query (for the profile)."""
        from django.db import connection

        parts, params = [], []
        for name in self.VOCABULARIES:
            field = self._meta.get_field(name)
            through = field.remote_field.through._meta.db_table
            term_table = field.related_model._meta.db_table
            column = field.m2m_reverse_name()
            parts.append(
                f"SELECT %s, t.code, t.position FROM {through} x JOIN {term_table} t ON t.id = x.{column} "
                f"WHERE x.{field.m2m_column_name()} = %s"
            )
            params += [name, self.pk]
        # The seat's voivodeship comes in the same query.
        parts.append(f"SELECT 'voivodeship', v.code, v.position FROM {Voivodeship._meta.db_table} v WHERE v.id = %s")
        params.append(self.voivodeship_id)
        result = {name: [] for name in (*self.VOCABULARIES, "voivodeship")}
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 3", params)
            for name, code, position in cursor.fetchall():
                model = Voivodeship if name == "voivodeship" else self._meta.get_field(name).related_model
                result[name].append(model(code=code, position=position))
        return result

    @property
    def regions_label(self):
        """Nationwide, or the voivodeships served."""
        if self.nationwide:
            return str(_("nationwide"))
        return ", ".join(region.label for region in self.regions_served.all())

    def get_context(self, request, *args, **kwargs):
        from ..permissions import can_edit_organisation, can_view_contact
        from ..profile import profile_sections

        context = super().get_context(request, *args, **kwargs)
        context["can_view_contact"] = can_view_contact(request.user, self)
        context["can_edit"] = can_edit_organisation(request.user, self)
        context["sections"] = profile_sections(request, self)
        context["terms"] = self.vocabularies()
        context.update(self.support_context() if getattr(request, "is_preview", False) else self.kept_support_context())
        return context

    def kept_support_context(self):
        """`support_context()` kept across requests (home.frame.cached), the same for every reader: under
        the versions that every write of an item or a partnership bumps on commit, the frame's (a
        partner's new name is a publication) and the day (items expire at its end). Deleting an
        organisation deletes its items and partnerships without their signals, and bumps the frame's."""
        from home import frame, versions

        from .support import Partnership, SupportItem

        return frame.cached((
            "directory:support-context", self.translation_key, timezone.localdate(),
            versions.request_current(SupportItem.READ_MODEL_VERSION),
            versions.request_current(Partnership.READ_MODEL_VERSION),
        ), self.support_context)

    def support_context(self):
        """Open needs and offers, and accepted partnerships, of this organisation (two queries, and two
        more for the partners' names when there are partnerships)."""
        from django.db.models import Q

        from .support import Partnership, SupportItem

        # Items hang on the default-language page: reach it through the translation key (no extra query).
        items = list(
            SupportItem.objects.in_default_language().open().filter(organisation__translation_key=self.translation_key)
            .select_related("support_type").order_by("kind", "-created_at")
        )
        # The organisations are prefetched (two queries, only when there are partnerships), not joined:
        # joining both sides' pages made PostgreSQL plan ten tables, ~3 ms for a query that runs in 0.1.
        same_organisation = Page.objects.filter(translation_key=self.translation_key).values("pk")
        partnerships = (
            Partnership.objects.filter(status=Partnership.ACCEPTED)
            .filter(Q(need__organisation_id__in=same_organisation) | Q(offer__organisation_id__in=same_organisation))
            .select_related("need__support_type", "offer")
            .prefetch_related("need__organisation", "offer__organisation")
            .order_by("-accepted_at")
        )
        return {
            "needs": [item for item in items if item.kind == SupportItem.NEED],
            "offers": [item for item in items if item.kind == SupportItem.OFFER],
            "partnerships": list(partnerships),
        }
