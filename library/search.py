"""The library's resources, including the text extracted from their attached files."""

from django.utils.translation import gettext_lazy as _

from home import versions
from search.pages import PageAdapter
from search.registry import listing_link, register, register_browse_link, register_topic_labels
from search.tasks import enqueue
from search.text import plain_text

from .listing import FACETS_VERSION
from .models import DocumentText, LibraryIndexPage, ResourcePage, Topic


class ResourceAdapter(PageAdapter):
    kind = "resource"
    label = _("Library resource")
    model = "library.ResourcePage"
    summary_field = "summary"

    @property
    def extra_senders(self):
        # The extraction task stores attachment_text with .update(): no page signal. Its
        # DocumentText save is the moment the resources attaching that file change.
        return (DocumentText,)

    def on_related_saved(self, sender, instance, **kwargs):
        for pk in ResourcePage.objects.filter(attachments__document_id=instance.document_id).values_list("pk", flat=True):
            enqueue(self.kind, pk)

    facet_lookups = {"sector": ("sectors__code",), "target_group": ("target_groups__code",),
                     "voivodeship": ("regions__code",), "topic": ("tagged_items__tag__slug",)}

    def body(self, page):
        return " ".join(filter(None, [plain_text(page.body), page.authors, page.publisher_name, page.attachment_text]))

    def date(self, page):
        return page.publication_date


@register_topic_labels
def library_topics():
    """{slug: name} of every topic, for the search's topic facet: public vocabulary, the same for every
    reader, kept in the process while the library's facet version stays (a topic's save or delete
    bumps it: library.signals), so a search page costs no query for it."""
    return versions.per_process(FACETS_VERSION, lambda: dict(Topic.objects.values_list("slug", "name")))


register(ResourceAdapter())


# The search's facets as the library's list names them (listing.Listing's facets).
BROWSE_PARAMETERS = {"topic": "topic", "sector": "sector", "target_group": "target", "year": "year"}


@register_browse_link
def browse_library(language, query, filters):
    """The library's list in `language` with the search's words and the filters it shares."""
    return listing_link(LibraryIndexPage, _("Browse the library"), BROWSE_PARAMETERS, language, query, filters)
