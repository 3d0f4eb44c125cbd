"""Reports of posts in the Wagtail admin: the Secretariat and the reported group's coordinators handle them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from .admin import ReportPermissionPolicy
from .models import OrganisationUpdate, Report

register_permission_policy(Report, ReportPermissionPolicy(Report))


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            ReportPermissionPolicy(Report).instances_user_has_any_permission_for(self.request.user, ["view"])
            .select_related("post__thread", "update__organisation", "reporter")
        )


class ReportEditView(generic.EditView):
    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not ReportPermissionPolicy(Report).user_has_permission_for_instance(self.request.user, "change", report):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return report


class ReportViewSet(ModelViewSet):
    """Readers' reports of posts and updates: open it, hide it on the site if needed, mark the report resolved."""

    model = Report
    icon = "warning"
    menu_label = _("Reported posts")
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    list_display = ["target", "reason", "reporter", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = False


class UpdateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


class UpdateViewSet(ModelViewSet):
    """Member updates for the Secretariat: see them all (hidden ones too) and link challenges to a group or need.

    Hiding is done on the site's update page, so that the author is told why and the audit log records it.
    """

    model = OrganisationUpdate
    icon = "comment"
    menu_label = _("Member updates")
    add_to_admin_menu = True
    index_view_class = UpdateIndexView
    list_display = ["__str__", "excerpt", "hidden", "created_at"]
    list_filter = ["kind", "hidden"]
    search_fields = ["text"]
    form_fields = ["working_group", "need"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False  # updates are written by organisations on the site, never in the admin


@hooks.register("register_admin_viewset")
def register_viewset():
    return ReportViewSet("community_reports")


@hooks.register("register_admin_viewset")
def register_update_viewset():
    return UpdateViewSet("community_updates")
