"""The library in the Wagtail admin: collections, topics, proposals and the texts of documents."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import DocumentText, ResourceCollection, ResourceSubmission, Topic


class ResourceCollectionViewSet(SnippetViewSet):
    """Curated collections of resources, per language."""

    model = ResourceCollection
    icon = "list-ul"
    menu_label = _("Collections")
    list_display = ["title", "slug", "is_featured", "locale"]
    list_filter = ["is_featured", "locale"]
    search_fields = ["title"]


class TopicViewSet(SnippetViewSet):
    """Topics of the library (tags): rename or merge-by-hand without touching each resource."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "name_uk", "name_en", "slug"]
    search_fields = ["name", "name_uk", "name_en"]


class DocumentTextFilterSet(WagtailFilterSet):
    """Filter the documents' texts by extraction status, e.g. to find files that need attention."""

    needs_attention = django_filters.BooleanFilter(label=_("Needs attention"), method="filter_needs_attention")

    class Meta:
        model = DocumentText
        fields = ["status"]

    def filter_needs_attention(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(status__in=DocumentText.NEEDS_ATTENTION)
        return queryset.exclude(status__in=DocumentText.NEEDS_ATTENTION)


class DocumentTextViewSet(SnippetViewSet):
    """What was read from each document; unreadable files (scanned, damaged) are flagged for editors."""

    model = DocumentText
    icon = "doc-full"
    menu_label = _("Texts of files")
    list_display = ["document", "status", "pages", "extracted_at", "error"]
    filterset_class = DocumentTextFilterSet
    search_fields = ["document__title"]
    ordering = ["-extracted_at"]
    # Editors may type the text of a scanned file themselves; the file is not changed here.
    panels = [FieldPanel("status"), FieldPanel("text")]

    def get_queryset(self, request):
        return DocumentText.objects.select_related("document")


class ResourceSubmissionViewSet(SnippetViewSet):
    """Resources proposed by members from the public site (their review runs in the workflow)."""

    model = ResourceSubmission
    icon = "mail"
    menu_label = _("Proposals")
    list_display = ["page", "contributor", "submitted_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ResourceSubmission.objects.select_related("page", "contributor")


class LibraryViewSetGroup(SnippetViewSetGroup):
    """The "Library" menu of the admin."""

    items = (ResourceCollectionViewSet, TopicViewSet, ResourceSubmissionViewSet, DocumentTextViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Library")
    menu_name = "library"


register_snippet(LibraryViewSetGroup)
