"""Open data API: published organisations, public fields only (never contact persons, never drafts)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from .browse import FACETS, localise, organisations_matching, published_organisations, read_filters
from .models import OrganisationPage

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class CodesField(serializers.ListField):
    """A many-to-many vocabulary as its list of codes."""

    child = serializers.CharField()

    def to_representation(self, manager):
        return [term.code for term in manager.all()]


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation's public profile; name and description in the requested language when translated."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    city = serializers.SerializerMethodField(help_text="Seat city, in the language of name and description.")
    language = serializers.SerializerMethodField(help_text="Language of name and description.")
    url = serializers.SerializerMethodField()
    voivodeship = serializers.SlugRelatedField(slug_field="code", read_only=True)
    regions_served = CodesField(read_only=True)
    sectors = CodesField(read_only=True)
    target_groups = CodesField(read_only=True)
    languages = CodesField(read_only=True)
    offers = CodesField(source="support_offered", read_only=True)
    needs = CodesField(source="support_needed", read_only=True)
    updated_at = serializers.DateTimeField(source="last_published_at", read_only=True, allow_null=True)

    class Meta:
        model = OrganisationPage
        fields = [
            "id", "name", "description", "language", "url", "legal_form", "krs", "nip", "website", "email",
            "phone", "city", "voivodeship", "regions_served", "nationwide", "sectors", "target_groups",
            "languages", "offers", "needs", "founded_year", "last_confirmed_at", "updated_at",
        ]

    def _shown(self, page):
        return self.context.get("shown", {}).get(page.pk, page)

    def get_name(self, page) -> str:
        return self._shown(page).title

    def get_description(self, page) -> str:
        return self._shown(page).description

    def get_city(self, page) -> str:
        return self._shown(page).city

    def get_language(self, page) -> str:
        shown = self._shown(page)
        return self.context.get("language") if shown is not page else settings.LANGUAGE_CODE

    def get_url(self, page) -> str:
        request = self.context.get("request")
        shown = self._shown(page)
        return shown.get_full_url(request) if request else shown.url


FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the name, description or city (any language)."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=LANGUAGES, description="Language of names and descriptions."),
] + [
    OpenApiParameter(facet.param, OpenApiTypes.STR, many=True, enum=[code for code, _label in facet.choices],
                     description=f"{facet.label} (repeat for any of several codes).")
    for facet in FACETS
]


class LocalisedMixin:
    """Serialise pages with their translation in ?lang= (one extra query per response)."""

    def language(self):
        lang = self.request.query_params.get("lang", settings.LANGUAGE_CODE)
        return lang if lang in LANGUAGES else settings.LANGUAGE_CODE

    def base_queryset(self, pages=None):
        pages = published_organisations() if pages is None else pages
        return pages.select_related("voivodeship").prefetch_related(
            "regions_served", "sectors", "target_groups", "languages", "support_offered", "support_needed",
        )

    def serialise(self, pages, many):
        language = self.language()
        shown = {source.pk: translated for source, translated in localise(pages, language)}
        context = {**self.get_serializer_context(), "shown": shown, "language": language}
        return OrganisationSerializer(pages if many else pages[0], many=many, context=context).data


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS, responses=OrganisationSerializer(many=True)))
class OrganisationList(LocalisedMixin, generics.ListAPIView):
    """Published organisations, filtered like the directory page, in name order."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        params = self.request.query_params
        matching = organisations_matching(params.get("q", "").strip()[:200], read_filters(params))
        return self.base_queryset(matching).order_by("title", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.serialise(list(page), many=True))


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS[1:2], responses=OrganisationSerializer))
class OrganisationDetail(LocalisedMixin, generics.RetrieveAPIView):
    """One published organisation by id (the id of its page in the default language)."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        return self.base_queryset()

    def retrieve(self, request, *args, **kwargs):
        from rest_framework.response import Response

        return Response(self.serialise([self.get_object()], many=False))
