"""The catalogue in the Wagtail admin: submissions, interests, recommendations and the export."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.roles import is_secretariat

from .models import InnovationSubmission, ReplicationInterest, ScalingRecommendation


class InnovationSubmissionViewSet(SnippetViewSet):
    """Innovations submitted by members from the public site (their review runs in the workflow)."""

    model = InnovationSubmission
    icon = "mail"
    menu_label = _("Submissions")
    list_display = ["page", "contributor", "submitted_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return InnovationSubmission.objects.select_related("page", "contributor")


class ReplicationInterestViewSet(SnippetViewSet):
    """Organisations that want to replicate an innovation, and the answers."""

    model = ReplicationInterest
    icon = "group"
    menu_label = _("Interests in replicating")
    list_display = ["innovation", "organisation", "timeframe", "created_at", "answered_at"]
    list_filter = ["timeframe"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ReplicationInterest.objects.select_related("innovation", "organisation")


class ScalingRecommendationViewSet(SnippetViewSet):
    """Innovations the Secretariat recommends for scaling (exported for partners and donors)."""

    model = ScalingRecommendation
    icon = "pick"
    menu_label = _("Recommended for scaling")
    list_display = ["innovation", "recommended_by", "recommended_at"]
    def get_queryset(self, request):
        return ScalingRecommendation.objects.select_related("innovation", "recommended_by")


class InnovationsViewSetGroup(SnippetViewSetGroup):
    """The "Innovations" menu of the admin."""

    items = (InnovationSubmissionViewSet, ReplicationInterestViewSet, ScalingRecommendationViewSet)
    menu_icon = "pick"
    menu_label = _("Innovations")
    menu_name = "innovations"


register_snippet(InnovationsViewSetGroup)


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_reports_menu_item")
def register_export_menu_item():
    """The export of recommended innovations (CSV with HXL) among the admin's reports."""
    return SecretariatMenuItem(_("Innovations recommended for scaling (CSV)"),
                               reverse("innovations:export", kwargs={"fmt": "csv"}), icon_name="download",
                               order=900)
