"""Working groups, their content pages and meetings.

Members-only group content is restricted with Wagtail view restrictions to the group's
permission groups (groups.visibility), so `search.audience.page_audience` covers it.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.models import CollectionViewRestriction

from search.audience import group_token, page_audience
from search.pages import IntroductionPageAdapter, PageAdapter
from search.registry import Adapter, Entry, register
from search.text import plain_text

from .models import GroupSpace, WorkingGroupPage


class WorkingGroupAdapter(PageAdapter):
    kind = "group"
    label = _("Working group")
    model = "groups.WorkingGroupPage"
    summary_field = "introduction"

    facet_lookups = {"sector": ("sectors__code",)}

    def body(self, page):
        return " ".join([page.topic, plain_text(page.mandate), plain_text(page.body)])


class GroupContentAdapter(IntroductionPageAdapter):
    kind = "group-page"
    label = _("Working group page")
    model = "groups.GroupContentPage"


class MeetingAdapter(PageAdapter):
    kind = "meeting"
    label = _("Meeting")
    model = "groups.MeetingPage"
    summary_field = "introduction"
    body_fields = ("body", "agenda", "minutes", "address")

    def date(self, page):
        return page.start.date() if page.start else None


class GroupDocumentAdapter(Adapter):
    """Documents of the working groups' collections (groups.documents), found by their titles.

    A document of a group's members-only sub-collection is found by the group's members and
    coordinators only (the tokens of the space's permission groups: who Wagtail's collection view
    restriction serves it to; the Secretariat sees everything); one of the group's own collection by
    whoever may read the group's page. A collection restricted in any other way is left out."""

    kind = "group-document"
    label = _("Working group document")
    model = get_document_model_string()

    def queryset(self):
        spaces = GroupSpace.objects.all()
        return self.get_model().objects.filter(
            Q(collection_id__in=spaces.values("collection_id"))
            | Q(collection_id__in=spaces.filter(members_collection__isnull=False).values("members_collection_id")))

    def entry(self, document):
        entries = self.entries([document]) if document is not None else []
        return entries[0] if entries else None

    def entries(self, documents):
        """Entries of a chunk of documents: their spaces, groups and restrictions in three queries."""
        collections = {document.collection_id for document in documents}
        spaces = {}
        for space in GroupSpace.objects.filter(Q(collection_id__in=collections)
                                               | Q(members_collection_id__in=collections)):
            spaces[space.collection_id] = (space, False)
            if space.members_collection_id:
                spaces[space.members_collection_id] = (space, True)
        groups = {}  # translation key -> the group's first live page (its item)
        for group in WorkingGroupPage.objects.live().filter(
                translation_key__in={space.translation_key for space, _members in spaces.values()}).order_by("pk"):
            groups.setdefault(group.translation_key, group)
        restricted = set(CollectionViewRestriction.objects.filter(collection_id__in=collections)
                         .values_list("collection_id", flat=True))
        entries = []
        for document in documents:
            space, members_only = spaces.get(document.collection_id, (None, False))
            group = groups.get(space.translation_key) if space is not None else None
            if group is None or (document.collection_id in restricted and not members_only):
                continue
            audience = ({group_token(space.members_id), group_token(space.coordinators_id)} if members_only
                        else page_audience(group))
            if audience is None or page_audience(group) is None:
                continue
            # Titles are written in any language: the same text is searchable in each.
            texts = {code: {"title": document.title, "summary": "", "body": ""} for code, _name in settings.LANGUAGES}
            entries.append(Entry(kind=self.kind, object_id=document.pk, title=document.title, url=document.url,
                                 texts=texts, date=document.created_at.date(), audience=audience,
                                 paths=(group.path,)))
        return entries


register(WorkingGroupAdapter())
register(GroupContentAdapter())
register(MeetingAdapter())
register(GroupDocumentAdapter())
