"""The library's pages: the library index (listing, topics, feeds) and one page per resource."""

from django import forms
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.access import applying, public_pages, restrictions
from home.blocks import BaseStreamBlock
from home.models import RESOURCE_TYPES, BasePage
from home.templatetags.home_tags import page_language_links

from .topics import TaggedResource, Topic

LICENCES = [
    ("cc-by", _("Creative Commons Attribution (CC BY 4.0)")),
    ("cc-by-sa", _("Creative Commons Attribution-ShareAlike (CC BY-SA 4.0)")),
    ("cc-by-nc", _("Creative Commons Attribution-NonCommercial (CC BY-NC 4.0)")),
    ("cc0", _("Public domain (CC0)")),
    ("copyright", _("All rights reserved")),
    ("other", _("Other (see the description)")),
]


class LibraryIndexPage(RoutablePageMixin, BasePage):
    """The knowledge library: searchable, faceted list of resources, topic pages, feeds and the proposal form."""

    subpage_types = ["library.ResourcePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    # Routes stay thin: the views live in library.views so that this module stays about data.
    @path("")
    def index_route(self, request, *args, **kwargs):
        from ..views import listing

        return listing(request, self)

    @path("topics/<slug:slug>/")
    def topic(self, request, slug):
        from ..views import topic

        return topic(request, self, slug)

    @path("feed/rss/", name="feed_rss")
    @path("topics/<slug:slug>/feed/rss/", name="topic_feed_rss")
    def feed_rss(self, request, slug=None):
        from ..feeds import ResourceRssFeed

        return ResourceRssFeed()(request, library=self, slug=slug)

    @path("feed/atom/", name="feed_atom")
    @path("topics/<slug:slug>/feed/atom/", name="topic_feed_atom")
    def feed_atom(self, request, slug=None):
        from ..feeds import ResourceAtomFeed

        return ResourceAtomFeed()(request, library=self, slug=slug)

    @path("collections/<slug:slug>/")
    def collection(self, request, slug):
        from ..views import collection

        return collection(request, self, slug)

    @path("propose/")
    def propose(self, request):
        from ..submissions import propose

        return propose(request, self)

    def resources(self, catalogue=None):
        """Live resources of this library (its language) that whoever may read the library may read.

        The listing, topics and feeds are the same for every reader: a restriction on the library
        (or above it) is enforced by Wagtail when serving it, any other restriction hides the
        resource. `catalogue`: a core.access.restrictions() result to reuse.
        """
        catalogue = restrictions() if catalogue is None else catalogue
        own = set(applying(self, catalogue))
        # A path range (not child_of's LIKE on a cast) lets PostgreSQL use the path index.
        return public_pages(ResourcePage.objects.filter(
            path__range=(self.path, self.path + "ZZZZ"), depth=self.depth + 1, live=True),
            [restriction for restriction in catalogue if restriction not in own])


class ResourcePage(Page):
    """One resource of the library: a guide, report, good practice… with its files and metadata."""

    resource_type = models.CharField(_("type"), max_length=20, choices=RESOURCE_TYPES, db_index=True)
    summary = models.TextField(_("summary"), max_length=1000, help_text=_("Two or three sentences shown in lists."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True, use_json_field=True)
    topics = ClusterTaggableManager(through=TaggedResource, verbose_name=_("topics"), blank=True)
    sectors = ParentalManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True,
                                      related_name="library_resources")
    target_groups = ParentalManyToManyField("home.TargetGroup", verbose_name=_("target groups"), blank=True,
                                            related_name="library_resources")
    languages = ParentalManyToManyField("home.Language", verbose_name=_("languages of the material"), blank=True,
                                        related_name="library_resources")
    regions = ParentalManyToManyField("home.Voivodeship", verbose_name=_("regions"), blank=True,
                                      related_name="library_resources",
                                      help_text=_("Leave empty when the material concerns the whole country."))
    publisher = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("publisher (member organisation)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="library_resources",
        help_text=_("The member organisation that published the material, if it is in the directory."))
    publisher_name = models.CharField(_("publisher"), max_length=255, blank=True,
                                      help_text=_("Organisation that published the material."))
    authors = models.CharField(_("authors"), max_length=500, blank=True)
    publication_date = models.DateField(_("publication date"), default=timezone.localdate, db_index=True)
    licence = models.CharField(_("licence"), max_length=20, choices=LICENCES, default="cc-by")
    # The text of all attached files (see library.extraction), kept up to date by the
    # extraction task and on publish; search indexes it. Not edited by people.
    attachment_text = models.TextField(_("text of the attachments"), blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Files")),
        MultiFieldPanel([
            FieldPanel("topics"),
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            FieldPanel("languages"),
            FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Classification")),
        MultiFieldPanel([
            FieldPanel("publisher"),
            FieldPanel("publisher_name"),
            FieldPanel("authors"),
            FieldRowPanel([FieldPanel("publication_date"), FieldPanel("licence")]),
        ], heading=_("Publication")),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("slug"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("resource_type"),
        SynchronizedField("tagged_items"),
        SynchronizedField("sectors"),
        SynchronizedField("target_groups"),
        SynchronizedField("languages"),
        SynchronizedField("regions"),
        SynchronizedField("publisher"),
        SynchronizedField("publisher_name"),
        SynchronizedField("authors"),
        SynchronizedField("publication_date"),
        SynchronizedField("licence"),
        SynchronizedField("attachments"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("authors"),
        index.SearchField("attachment_text"),
        index.FilterField("locale_id"),
        index.FilterField("resource_type"),
        index.FilterField("publication_date"),
    ]

    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")

    def get_context(self, request, *args, **kwargs):
        from ..related import related_resources

        context = super().get_context(request, *args, **kwargs)
        context["article"] = self.article(request)
        terms = {}
        if getattr(request, "is_preview", False):  # the unsaved terms: the saved ones are read otherwise
            classification = self.classification(preview=True)
            terms = {"topic_ids": [topic.pk for topic in classification["topics"]],
                     "sector_ids": [sector.pk for sector in classification["sectors"]]}
        context["related"] = related_resources(self, request=request, **terms)
        return context

    def article(self, request):
        """The resource itself (all but its related resources) as HTML.

        The same for every reader Wagtail lets read it, so it is kept (home.frame.kept_html) under the
        library's facet version (topics renamed) and the frame's (bumped by every page saved, document
        or image changed); a preview renders its unsaved values.
        """
        from home import frame

        from ..listing import facets_version

        def context():
            terms = self.classification(preview=getattr(request, "is_preview", False))
            return {
                "page": self,
                "library": self.get_parent(),
                "publisher": self.publisher.localized if self.publisher_id else None,
                "topics": terms["topics"],
                "sectors": terms["sectors"], "target_groups": terms["target_groups"], "regions": terms["regions"],
                "material_languages": terms["languages"],
                "attachments": self.attachments.select_related("document").all(),
                "translations": self.available_languages(request),
            }

        return frame.kept_html(request, ("library:resource", self.pk, facets_version()),
                               "library/includes/resource_article.html", context)

    CLASSIFICATION = ("sectors", "target_groups", "languages", "regions")

    def classification(self, preview=False):
        """{"topics", "sectors", "target_groups", "languages", "regions"}: this resource's topics (in the
        order they were given) and terms (in list order).

        One UNION ALL query over the five link tables instead of one query each (term labels come
        from the code lists, topic names with the topics). A preview reads the unsaved in-memory values.
        """
        if preview or not self.pk:
            terms = {name: list(getattr(self, name).all()) for name in self.CLASSIFICATION}
            terms["topics"] = [tagged.tag for tagged in self.tagged_items.select_related("tag")]
            return terms
        text = models.CharField()
        parts = []
        for name in self.CLASSIFICATION:
            field = self._meta.get_field(name)
            column = field.m2m_reverse_field_name()
            parts.append(field.remote_field.through.objects.filter(resourcepage_id=self.pk).annotate(
                kind=models.Value(name, output_field=text), term_id=models.F(f"{column}_id"),
                code=models.F(f"{column}__code"), position=models.F(f"{column}__position"),
                name=models.Value("", output_field=text), translated=models.Value("", output_field=text),
            ).values("kind", "term_id", "code", "position", "name", "translated").order_by())
        # Topics: the slug as the code, the link's id as the position (the order they were given).
        name_field = Topic.name_field()
        parts.append(TaggedResource.objects.filter(content_object_id=self.pk).annotate(
            kind=models.Value("topics", output_field=text), term_id=models.F("tag_id"), code=models.F("tag__slug"),
            position=models.F("pk"), name=models.F("tag__name"), translated=models.F(f"tag__{name_field}"),
        ).values("kind", "term_id", "code", "position", "name", "translated").order_by())
        terms = {name: [] for name in ("topics", *self.CLASSIFICATION)}
        for row in sorted(parts[0].union(*parts[1:], all=True), key=lambda r: (r["position"], r["code"])):
            if row["kind"] == "topics":
                names = {"name": row["name"], name_field: row["translated"]}  # the same field in Polish
                terms["topics"].append(Topic(pk=row["term_id"], slug=row["code"], **names))
                continue
            model = self._meta.get_field(row["kind"]).related_model
            terms[row["kind"]].append(model(pk=row["term_id"], code=row["code"], position=row["position"]))
        return terms

    def available_languages(self, request=None):
        """Live translations of this resource as (language code, URL, is this page), in site order.

        The frame's language switcher needs the same lookup: both share it (one query, cached).
        """
        current = translation.get_language()  # a page is served in its own language
        return [(link["code"], link["url"], link["code"] == current)
                for link in page_language_links(request, self) if link["exists"]]

    def collect_attachment_text(self):
        """Concatenate the extracted text of this page's attachments (the stored field's value)."""
        from .documents import DocumentText

        ids = [a.document_id for a in self.attachments.all() if a.document_id]
        texts = DocumentText.objects.filter(document_id__in=ids, status=DocumentText.DONE).values_list("text", flat=True)
        return "\n\n".join(texts)


class ResourceAttachment(Orderable):
    """A file of a resource (Wagtail document), shown with its type and size."""

    page = ParentalKey(ResourcePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(get_document_model_string(), verbose_name=_("file"), on_delete=models.CASCADE,
                                 related_name="library_attachments")
    title = models.CharField(_("title"), max_length=255, blank=True,
                             help_text=_("Shown instead of the document's title when given."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def label(self):
        """The title shown to readers."""
        return self.title or self.document.title
