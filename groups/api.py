"""Open data API of the working groups: public groups and their public meetings.

Only what an anonymous visitor may read is served, whoever asks: pages behind a view
restriction (members-only, registered members) never appear, nor do online meeting links,
participants, registrations or coordinators' contact details.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from core.access import visible_pages_for
from core.api import LANG_PARAMETER, requested_language
from core.params import parse_id
from home.models import Sector

from .models import GroupLead, MeetingPage, WorkingGroupPage

def public(queryset):
    """Live pages that anonymous visitors may read."""
    return visible_pages_for(AnonymousUser(), queryset.live())


class FullUrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        request = self.context.get("request")
        return page.get_full_url(request) if request else page.url


class LeadSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField(read_only=True, help_text="Id in /api/v1/organisations.")
    name = serializers.CharField(source="organisation.title", read_only=True)

    class Meta:
        model = GroupLead
        fields = ["organisation_id", "name", "role"]


class GroupSerializer(FullUrlMixin, serializers.ModelSerializer):
    """A working group's public page in one language."""

    language = serializers.CharField(source="locale.language_code", read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    leads = LeadSerializer(many=True, read_only=True)
    updated_at = serializers.DateTimeField(source="last_published_at", read_only=True)

    class Meta:
        model = WorkingGroupPage
        fields = ["id", "title", "topic", "introduction", "language", "url", "status", "join_policy", "sectors",
                  "leads", "updated_at"]


class MeetingSerializer(FullUrlMixin, serializers.ModelSerializer):
    """A public meeting: when, where (never the online link), which group; times in ISO 8601 with offset."""

    language = serializers.CharField(source="locale.language_code", read_only=True)
    group_id = serializers.SerializerMethodField(help_text="The working group's id, null for Forum-wide meetings.")
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()

    class Meta:
        model = MeetingPage
        fields = ["id", "title", "introduction", "language", "url", "group_id", "start", "end", "mode", "address",
                  "capacity", "registration_opens_at", "registration_closes_at"]

    def get_group_id(self, page) -> int | None:
        return self.context["groups"].get(page.pk)

    def get_start(self, page) -> str:
        return timezone.localtime(page.start).isoformat()

    def get_end(self, page) -> str:
        return timezone.localtime(page.end).isoformat()


GROUP_PARAMETERS = [
    LANG_PARAMETER,
    OpenApiParameter("status", OpenApiTypes.STR, enum=[c for c, _l in WorkingGroupPage.Status.choices]),
    OpenApiParameter("sector", OpenApiTypes.STR, description="A sector code."),
]
MEETING_PARAMETERS = [
    LANG_PARAMETER,
    OpenApiParameter("group", OpenApiTypes.INT, description="Only this working group's meetings."),
    OpenApiParameter("past", OpenApiTypes.BOOL, description="Past meetings (newest first) instead of upcoming ones."),
]


def groups_queryset(request):
    return public(WorkingGroupPage.objects.filter(locale__language_code=requested_language(request))).select_related(
        "locale").prefetch_related("sectors", Prefetch("leads", GroupLead.objects.select_related("organisation")))


@extend_schema_view(get=extend_schema(parameters=GROUP_PARAMETERS, responses=GroupSerializer(many=True)))
class GroupList(generics.ListAPIView):
    """Public working groups in one language, by title."""

    serializer_class = GroupSerializer

    def get_queryset(self):
        params = self.request.query_params
        groups = groups_queryset(self.request)
        if params.get("status") in WorkingGroupPage.Status.values:
            groups = groups.filter(status=params["status"])
        if params.get("sector"):
            groups = groups.filter(sectors__in=Sector.objects.filter(code=params["sector"][:64]))
        return groups.order_by("title", "pk")


@extend_schema_view(get=extend_schema(parameters=[], responses=GroupSerializer))
class GroupDetail(generics.RetrieveAPIView):
    """One public working group by id (any language's page)."""

    serializer_class = GroupSerializer

    def get_queryset(self):
        return public(WorkingGroupPage.objects.all()).select_related("locale").prefetch_related(
            "sectors", Prefetch("leads", GroupLead.objects.select_related("organisation")))


@extend_schema_view(get=extend_schema(parameters=MEETING_PARAMETERS, responses=MeetingSerializer(many=True)))
class MeetingList(generics.ListAPIView):
    """Public meetings (Forum-wide and of working groups) in one language: upcoming first by start."""

    serializer_class = MeetingSerializer

    def get_queryset(self):
        params = self.request.query_params
        meetings = public(MeetingPage.objects.filter(locale__language_code=requested_language(self.request)))
        group_id = parse_id(params.get("group"))
        if group_id is not None:
            group = WorkingGroupPage.objects.filter(pk=group_id).first()
            meetings = meetings.child_of(group) if group else meetings.none()
        if params.get("past") in ("1", "true"):
            return meetings.past().select_related("locale").order_by("-start", "pk")
        return meetings.upcoming().select_related("locale").order_by("start", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "groups": getattr(self, "_groups", {})}

    def list(self, request, *args, **kwargs):
        page = list(self.paginate_queryset(self.get_queryset()))
        self._groups = parent_groups(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def parent_groups(meetings):
    """{meeting id: id of the working group it belongs to} in one query (Forum-wide meetings are absent)."""
    parent_paths = {meeting.pk: meeting.path[:-WorkingGroupPage.steplen] for meeting in meetings}
    groups = dict(WorkingGroupPage.objects.filter(path__in=set(parent_paths.values())).values_list("path", "pk"))
    return {pk: groups[path] for pk, path in parent_paths.items() if path in groups}
