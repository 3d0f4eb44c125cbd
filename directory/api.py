"""Open data API: published organisations, public fields only (never contact persons, never drafts)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from core.access import reader_hidden_paths
from core.api import LANGUAGES, requested_language
from home.bits import bits_of
from home.facets import read_filters
from search.text import clean_query

from .browse import FACETS, listed_entries, localise, published_organisations, relevant_entries
from .entries import term_codes
from .models import OrganisationPage

VOCABULARIES = OrganisationPage.VOCABULARIES


class CodesField(serializers.ListField):
    """A many-to-many vocabulary as its list of codes, read from the serialiser's `codes` (see vocabulary_codes)."""

    child = serializers.CharField()

    def __init__(self, relation, **kwargs):
        self.relation = relation
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return self.context["codes"][page.pk][self.relation]


def vocabulary_codes(pages):
    """{page id: {vocabulary field: [codes in the vocabulary's order]}} of `pages`, in ONE query."""
    codes = term_codes(OrganisationPage, VOCABULARIES, [page.pk for page in pages])
    orders = {name: bits_of(OrganisationPage._meta.get_field(name).related_model) for name in VOCABULARIES}
    return {
        pk: {name: sorted(values, key=orders[name].__getitem__) for name, values in fields.items()}
        for pk, fields in codes.items()
    }


class OrganisationSerializer(serializers.ModelSerializer):
    """An organisation's public profile; name and description in the requested language when translated."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    city = serializers.SerializerMethodField(help_text="Seat city, in the language of name and description.")
    language = serializers.SerializerMethodField(help_text="Language of name and description.")
    url = serializers.SerializerMethodField()
    voivodeship = serializers.SlugRelatedField(slug_field="code", read_only=True)
    regions_served = CodesField("regions_served")
    sectors = CodesField("sectors")
    target_groups = CodesField("target_groups")
    languages = CodesField("languages")
    offers = CodesField("support_offered")
    needs = CodesField("support_needed")
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
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the name, description or city (any language, "
                     "inflected, in either script, with a typo): the site search's matching; results by relevance."),
    OpenApiParameter("lang", OpenApiTypes.STR, enum=LANGUAGES, description="Language of names and descriptions."),
] + [
    OpenApiParameter(facet.param, OpenApiTypes.STR, many=True, enum=[code for code, _label in facet.choices],
                     description=f"{facet.label} (repeat for any of several codes).")
    for facet in FACETS
]


class LocalisedMixin:
    """Serialise pages with their translation in ?lang= and their vocabularies' codes (one query each)."""

    def language(self):
        return requested_language(self.request)

    def serialise(self, pages, many):
        language = self.language()
        shown = {source.pk: translated for source, translated in localise(pages, language)}
        context = {**self.get_serializer_context(), "shown": shown, "language": language,
                   "codes": vocabulary_codes(pages)}
        return OrganisationSerializer(pages if many else pages[0], many=many, context=context).data


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS, responses=OrganisationSerializer(many=True)))
class OrganisationList(LocalisedMixin, generics.ListAPIView):
    """Published organisations, filtered like the directory page, in name order.

    Filters, order, count and page are read from the directory entries (one narrow row per
    listed organisation, see entries.py); only the page's organisations are then loaded.
    """

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        """Page ids in order: by relevance with `q` (the search service, as the directory's keyword box:
        inflection, other scripts, typos), else by name."""
        params = self.request.query_params
        query = clean_query(params.get("q", ""))
        # Open data: what anyone may see, whoever asks (the restrictions read with this request).
        public = listed_entries(reader_hidden_paths(self.request, AnonymousUser()))
        entries = relevant_entries(public, query, read_filters(params, FACETS))
        if not query:
            entries = entries.order_by("title", "page_id")
        return entries.values_list("page_id", flat=True)

    def list(self, request, *args, **kwargs):
        ids = self.paginate_queryset(self.get_queryset())
        pages = OrganisationPage.objects.select_related("voivodeship").in_bulk(ids)
        return self.get_paginated_response(
            self.serialise([pages[pk] for pk in ids if pk in pages], many=True)
        )


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS[1:2], responses=OrganisationSerializer))
class OrganisationDetail(LocalisedMixin, generics.RetrieveAPIView):
    """One published organisation by id (the id of its page in the default language)."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        return published_organisations().select_related("voivodeship")

    def retrieve(self, request, *args, **kwargs):
        from rest_framework.response import Response

        return Response(self.serialise([self.get_object()], many=False))
