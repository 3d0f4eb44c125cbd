"""Curated collections: ordered lists of resources with an introduction, made by editors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index


class ResourceCollection(TranslatableMixin, index.Indexed, ClusterableModel):
    """A curated, ordered list of library resources with an introduction (e.g. "Start here: housing")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    is_featured = models.BooleanField(_("featured on the library page"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("is_featured"),
        InlinePanel("items", label=_("Resources"), min_num=1),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("locale_id")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("collection of resources")
        verbose_name_plural = _("collections of resources")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="library_collection_unique_slug_per_locale"),
        ]

    def __str__(self):
        return self.title

    def live_resources(self):
        """The collection's live resources in the editor's order, each in the collection's language.

        Items may point at the resource in another language (a translated collection keeps
        the original's items): the translation in this collection's locale is shown.
        """
        from .pages import ResourcePage

        keys = list(self.items.order_by("sort_order").values_list("resource__translation_key", flat=True))
        pages = {page.translation_key: page for page in
                 ResourcePage.objects.filter(translation_key__in=keys, locale_id=self.locale_id).live()
                 .filter(view_restrictions__isnull=True)}
        return [pages[key] for key in keys if key in pages]


class CollectionItem(Orderable):
    """One resource in a collection, with an optional editor's note."""

    collection = ParentalKey(ResourceCollection, related_name="items", on_delete=models.CASCADE)
    resource = models.ForeignKey("library.ResourcePage", verbose_name=_("resource"), on_delete=models.CASCADE,
                                 related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldPanel("resource"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource in a collection")
        verbose_name_plural = _("resources in a collection")
