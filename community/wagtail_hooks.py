"""Reports of posts in the Wagtail admin: the Secretariat and the reported group's coordinators handle them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from .admin import ReportPermissionPolicy
from .models import Report

register_permission_policy(Report, ReportPermissionPolicy(Report))


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            ReportPermissionPolicy(Report).instances_user_has_any_permission_for(self.request.user, ["view"])
            .select_related("post__thread", "reporter")
        )


class ReportEditView(generic.EditView):
    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not ReportPermissionPolicy(Report).user_has_permission_for_instance(self.request.user, "change", report):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return report


class ReportViewSet(ModelViewSet):
    """Readers' reports of posts: open the post, hide it on the site if needed, mark the report resolved."""

    model = Report
    icon = "warning"
    menu_label = _("Reported posts")
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    list_display = ["post", "reason", "reporter", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewset():
    return ReportViewSet("community_reports")
