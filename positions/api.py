"""Open data API of the positions: what anonymous visitors may read, in one language.

Status, deadline, the number of signing organisations and links (the page, the authoritative
Polish page, the feed). Never comments, nor who signed.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers

from core.access import visible_pages_for
from core.api import LANG_PARAMETER, requested_language

from .listing import positions_for, signature_counts
from .models import PositionIndexPage, PositionPage

STATUSES = list(PositionPage.STATUS_LABELS)


class LinksSerializer(serializers.Serializer):
    page = serializers.URLField(help_text="The position's page in this language.")
    authoritative = serializers.URLField(required=False, help_text="The Polish page: its text is authoritative.")
    feed = serializers.URLField(required=False, help_text="Atom feed of the positions in this language.")


class PositionSerializer(serializers.ModelSerializer):
    """One position's page in one language."""

    language = serializers.CharField(source="locale.language_code", read_only=True)
    status = serializers.SerializerMethodField(
        help_text="draft, consultation, consultation-closed, signing or closed (the phase and its deadline).")
    deadline = serializers.SerializerMethodField(help_text="When the current phase closes (ISO 8601), or null.")
    signatories_count = serializers.SerializerMethodField(help_text="Number of organisations that signed.")
    links = serializers.SerializerMethodField()

    class Meta:
        model = PositionPage
        fields = ["id", "title", "introduction", "kind", "language", "status", "deadline", "consultation_closes_at",
                  "signing_closes_at", "addressee", "reference", "signatories_count", "links"]

    def get_status(self, page) -> str:
        return page.status()

    def get_deadline(self, page) -> str | None:
        return page.deadline.isoformat() if page.deadline else None

    def get_signatories_count(self, page) -> int:
        counts = self.context.get("signature_counts") or {}
        return counts[page.pk] if page.pk in counts else signature_counts([page])[page.pk]

    @extend_schema_field(LinksSerializer)
    def get_links(self, page):
        request = self.context.get("request")
        links = {"page": page.get_full_url(request)}
        authoritative = self.context.get("authoritative", {}).get(page.translation_key)
        if authoritative and not page.is_authoritative:
            links["authoritative"] = authoritative
        feed = self.context.get("feeds", {}).get(page.locale_id)
        if feed:
            links["feed"] = feed
        return links


LIST_PARAMETERS = [
    LANG_PARAMETER,
    OpenApiParameter("status", OpenApiTypes.STR, enum=STATUSES, description="Only positions with this status."),
]


class PositionContextMixin:
    """Signature counts, authoritative pages and feeds for the pages of one response (a few queries)."""

    def serializer_context_for(self, pages):
        request = self.request
        polish = {page.translation_key: page.get_full_url(request) for page in PositionPage.objects.live().filter(
            translation_key__in={p.translation_key for p in pages}, locale__language_code=settings.LANGUAGE_CODE)}
        feeds = {}
        for index in PositionIndexPage.objects.live().filter(locale_id__in={p.locale_id for p in pages}):
            feeds[index.locale_id] = index.get_full_url(request) + index.reverse_subpage("feed_atom")
        return {"signature_counts": signature_counts(pages), "authoritative": polish, "feeds": feeds}


@extend_schema_view(get=extend_schema(parameters=LIST_PARAMETERS, responses=PositionSerializer(many=True)))
class PositionList(PositionContextMixin, generics.ListAPIView):
    """Public positions in one language, newest first."""

    serializer_class = PositionSerializer

    def get_queryset(self):
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=requested_language(self.request)).first()
        pages = positions_for(AnonymousUser(), locale.pk if locale else None).select_related("locale")
        status = self.request.query_params.get("status")
        return pages.filter(PositionPage.status_filter(status)) if status in STATUSES else pages

    def list(self, request, *args, **kwargs):
        pages = list(self.paginate_queryset(self.get_queryset()))
        context = {**self.get_serializer_context(), **self.serializer_context_for(pages)}
        return self.get_paginated_response(PositionSerializer(pages, many=True, context=context).data)


@extend_schema_view(get=extend_schema(parameters=[], responses=PositionSerializer))
class PositionDetail(PositionContextMixin, generics.RetrieveAPIView):
    """One public position by id (any language's page)."""

    serializer_class = PositionSerializer

    def get_queryset(self):
        return visible_pages_for(AnonymousUser(), PositionPage.objects.live()).select_related("locale")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "pk" in self.kwargs:
            pages = list(self.get_queryset().filter(pk=self.kwargs["pk"]))
            context.update(self.serializer_context_for(pages))
        return context
