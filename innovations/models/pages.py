"""The catalogue's pages: the index (catalogue, submission form, feed) and one page per innovation."""

from django import forms
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.bits import full_mask, mask_of
from home.models import BasePage, Sector, TargetGroup, Voivodeship

STAGES = [
    ("idea", _("Idea")),
    ("pilot", _("Pilot")),
    ("proven", _("Proven")),
    ("scaling", _("Scaling")),
]
# What replicating the innovation costs a year, in PLN: bands rather than amounts, so that records
# stay comparable and an organisation is not asked for its budget.
COST_BANDS = [
    ("under-20k", _("Under 20,000 PLN a year")),
    ("20k-100k", _("20,000–100,000 PLN a year")),
    ("100k-500k", _("100,000–500,000 PLN a year")),
    ("over-500k", _("Over 500,000 PLN a year")),
]
EVALUATIONS = [
    ("none", _("Not evaluated yet")),
    ("internal", _("Internal evaluation")),
    ("external", _("External evaluation")),
]


class InnovationIndexPage(RoutablePageMixin, BasePage):
    """The catalogue of innovations: faceted list, the submission form and the Atom feed."""

    subpage_types = ["innovations.InnovationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("innovations catalogue")
        verbose_name_plural = _("innovations catalogues")

    @path("")
    def index_route(self, request, *args, **kwargs):
        from ..views import catalogue

        return catalogue(request, self)

    @path("submit/")
    def submit(self, request):
        from ..submissions import submit

        return submit(request, self)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import InnovationAtomFeed

        return InnovationAtomFeed()(request, catalogue=self)


class InnovationPage(Page):
    """One innovation, described the same way as every other so that they can be compared."""

    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="innovations",
        help_text=_("The member organisation that runs the innovation."))
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Two or three sentences shown in lists."))
    problem = models.TextField(_("the problem"), max_length=5000)
    solution = models.TextField(_("the solution"), max_length=5000)
    context = models.TextField(_("where and for whom it runs"), max_length=2000, blank=True)
    sectors = ParentalManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True,
                                      related_name="innovations")
    target_groups = ParentalManyToManyField("home.TargetGroup", verbose_name=_("target groups"), blank=True,
                                            related_name="innovations")
    regions = ParentalManyToManyField("home.Voivodeship", verbose_name=_("voivodeships"), blank=True,
                                      related_name="innovations")
    nationwide = models.BooleanField(_("anywhere in Poland"), default=False)
    results = models.TextField(_("evidence of results"), max_length=5000,
                               help_text=_("What changed, with numbers and evaluations where you have them."))
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True,
                                                 validators=[MaxValueValidator(100_000_000)])
    evaluation = models.CharField(_("evaluation"), max_length=10, choices=EVALUATIONS, default="none")
    stage = models.CharField(_("stage"), max_length=10, choices=STAGES, db_index=True)
    cost_band = models.CharField(_("cost of replicating"), max_length=10, choices=COST_BANDS, db_index=True)
    requirements = models.TextField(_("what a replicating organisation needs"), max_length=3000,
                                    help_text=_("People, skills, partners, premises, time."))
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    # The vocabularies as bit masks (home.bits), kept by save() for the catalogue's facets.
    sectors_mask = models.BigIntegerField(default=0, editable=False)
    target_groups_mask = models.BigIntegerField(default=0, editable=False)
    served_mask = models.BigIntegerField(default=0, editable=False)  # regions, or every voivodeship if nationwide

    content_panels = Page.content_panels + [
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("problem"),
        FieldPanel("solution"),
        MultiFieldPanel([
            FieldPanel("context"),
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
            FieldPanel("nationwide"),
        ], heading=_("Where and for whom")),
        MultiFieldPanel([
            FieldPanel("results"),
            FieldRowPanel([FieldPanel("people_reached"), FieldPanel("evaluation")]),
            InlinePanel("attachments", label=_("Files")),
        ], heading=_("Evidence")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("stage"), FieldPanel("cost_band")]),
            FieldPanel("requirements"),
        ], heading=_("Replication")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")])],
                        heading=_("Contact person")),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("slug"),
        TranslatableField("summary"),
        TranslatableField("problem"),
        TranslatableField("solution"),
        TranslatableField("context"),
        TranslatableField("results"),
        TranslatableField("requirements"),
    ] + [SynchronizedField(name) for name in (
        "organisation", "sectors", "target_groups", "regions", "nationwide", "people_reached", "evaluation",
        "stage", "cost_band", "contact_name", "contact_email", "attachments",
    )]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("solution"),
        index.FilterField("locale_id"),
        index.FilterField("stage"),
    ]

    parent_page_types = ["innovations.InnovationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "sectors_mask" in update_fields:
            self.refresh_masks()
        return super().save(*args, **kwargs)

    def refresh_masks(self):
        """Derive the facet masks from the vocabularies (in memory: a revision being published too)."""
        self.sectors_mask = mask_of(Sector, [term.code for term in self.sectors.all()])
        self.target_groups_mask = mask_of(TargetGroup, [term.code for term in self.target_groups.all()])
        regions = mask_of(Voivodeship, [term.code for term in self.regions.all()])
        self.served_mask = full_mask(Voivodeship) if self.nationwide else regions

    def get_context(self, request, *args, **kwargs):
        from ..record import record_context

        context = super().get_context(request, *args, **kwargs)
        context.update(record_context(self, request))
        return context

    def original(self):
        """The item's page the interests and the recommendation hang on: its lowest-id translation."""
        return InnovationPage.objects.filter(translation_key=self.translation_key).order_by("pk").first() or self


class InnovationAttachment(Orderable):
    """A file of evidence (an evaluation, a report): a Wagtail document, private until publication."""

    page = ParentalKey(InnovationPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(get_document_model_string(), verbose_name=_("file"), on_delete=models.CASCADE,
                                 related_name="innovation_attachments")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
