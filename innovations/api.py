"""Open data API of the catalogue: published innovations, public fields only (never the contact
person, never drafts, never interests), in the requested language when translated."""

from django.db.models import OuterRef, Subquery
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from core.api import LANGUAGES, requested_language
from home.facets import filtered, read_filters
from search.text import clean_query

from .catalogue import FACETS, catalogue_rows, published, search_q, with_recommendation
from .models import InnovationPage

class OrganisationField(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id in /api/v1/organisations.")
    name = serializers.CharField(source="title")


class InnovationSerializer(serializers.ModelSerializer):
    """One innovation in one language (the requested one when translated, else its original)."""

    id = serializers.IntegerField(source="item_id", read_only=True,
                                  help_text="The innovation's id, the same in every language.")
    language = serializers.CharField(source="locale.language_code", read_only=True)
    url = serializers.SerializerMethodField()
    organisation = OrganisationField(read_only=True, allow_null=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    voivodeships = serializers.SlugRelatedField(source="regions", slug_field="code", many=True, read_only=True)
    recommended = serializers.BooleanField(source="is_recommended", read_only=True,
                                           help_text="Recommended for scaling by the Forum's Secretariat.")
    published_at = serializers.DateTimeField(source="first_published_at", read_only=True)
    updated_at = serializers.DateTimeField(source="last_published_at", read_only=True)

    class Meta:
        model = InnovationPage
        fields = ["id", "title", "summary", "problem", "solution", "context", "results", "people_reached",
                  "evaluation", "stage", "cost_band", "requirements", "sectors", "target_groups", "voivodeships",
                  "nationwide", "organisation", "recommended", "language", "url", "published_at", "updated_at"]

    def get_url(self, page) -> str:
        request = self.context.get("request")
        return page.get_full_url(request) if request else page.url


def serialisable(pages):
    """Pages with what the serializer reads: the item id, the recommendation, relations."""
    first = InnovationPage.objects.filter(translation_key=OuterRef("translation_key")).order_by("pk").values("pk")[:1]
    return (with_recommendation(pages).annotate(item_id=Subquery(first))
            .select_related("locale", "organisation").prefetch_related("sectors", "target_groups", "regions"))


LANG_PARAMETER = OpenApiParameter("lang", OpenApiTypes.STR, enum=LANGUAGES,
                                  description="Language of the texts (an untranslated innovation comes in its own).")
LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words of the innovation (any language)."),
    LANG_PARAMETER,
    OpenApiParameter("recommended", OpenApiTypes.BOOL, description="Only innovations recommended for scaling."),
] + [
    OpenApiParameter(facet.param, OpenApiTypes.STR, many=True, enum=[code for code, _label in facet.choices],
                     description=f"{facet.label} (repeat for any of several codes).")
    for facet in FACETS
]


@extend_schema_view(get=extend_schema(parameters=LIST_PARAMETERS, responses=InnovationSerializer(many=True)))
class InnovationList(generics.ListAPIView):
    """Published innovations, filtered like the catalogue, newest first."""

    serializer_class = InnovationSerializer

    def get_queryset(self):
        params = self.request.query_params
        pages = filtered(catalogue_rows(requested_language(self.request)), clean_query(params.get("q", "")),
                         read_filters(params, FACETS), facets=FACETS, text=search_q)
        pages = serialisable(pages)
        if params.get("recommended") in ("1", "true"):
            pages = pages.filter(is_recommended=True)
        return pages.order_by("-first_published_at", "-pk")


@extend_schema_view(get=extend_schema(parameters=[LANG_PARAMETER], responses=InnovationSerializer))
class InnovationDetail(generics.RetrieveAPIView):
    """One published innovation by id (any of its translations' ids), in the requested language."""

    serializer_class = InnovationSerializer

    def get_queryset(self):
        return serialisable(published())

    def get_object(self):
        page = super().get_object()
        lang = requested_language(self.request)
        if page.locale.language_code != lang:
            translated = self.get_queryset().filter(translation_key=page.translation_key,
                                                    locale__language_code=lang).first()
            page = translated or page
        return page
