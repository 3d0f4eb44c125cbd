"""Wagtail admin integration: per-organisation isolation, memberships, registrations."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_registrations import RegistrationDecisionForm, RegistrationEditView
from .models import Invitation, Membership, OrganisationPage, Partnership, Registration, SupportItem
from .permissions import can_edit_organisation, is_editor


def _guard(request, page):
    """Refuse to act on an organisation that the user does not belong to.

    Wagtail's page permissions work on subtrees; an organisation's members may be
    given rights on the directory (to use history and rollback), so each
    organisation page is also checked against the person's memberships.
    """
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if isinstance(specific, OrganisationPage) and not can_edit_organisation(request.user, specific):
        raise PermissionDenied


for _hook in ("before_edit_page", "before_delete_page", "before_unpublish_page", "before_publish_page",
              "before_copy_page", "before_move_page", "before_convert_alias_page"):
    hooks.register(_hook, _guard)


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations(parent_page, pages, request):
    """Non-editors see only their own organisations in the page explorer."""
    if is_editor(request.user):
        return pages
    own_keys = Membership.objects.filter(user=request.user).values("organisation__translation_key")
    others = OrganisationPage.objects.exclude(translation_key__in=own_keys).values("pk")
    return pages.exclude(pk__in=others)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__title"]
    form_fields = ["organisation", "user", "role", "notify_matches"]
    add_to_admin_menu = False


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    list_display = ["organisation", "user", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    form_fields = ["status", "reason"]
    inspect_view_enabled = True
    edit_view_class = RegistrationEditView

    def get_form_class(self, for_update=False):
        return RegistrationDecisionForm


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    form_fields = ["organisation", "email", "role"]


class SupportItemViewSet(SnippetViewSet):
    """Needs and offers; translated with wagtail-localize like other snippets."""

    model = SupportItem
    icon = "resubmit"
    menu_label = _("Needs and offers")
    list_display = ["title", "kind", "organisation", "support_type", "status", "valid_until"]
    list_filter = ["kind", "status", "support_type", "locale"]
    search_fields = ["title", "description"]


class PartnershipViewSet(ModelViewSet):
    model = Partnership
    icon = "link"
    menu_label = _("Partnerships")
    list_display = ["need", "offer", "status", "accepted_at"]
    list_filter = ["status"]
    form_fields = ["status", "message"]


class DirectoryViewSetGroup(ViewSetGroup):
    items = (MembershipViewSet, RegistrationViewSet, InvitationViewSet, SupportItemViewSet, PartnershipViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DirectoryViewSetGroup()


@hooks.register("register_admin_urls")
def register_report_urls():
    from .admin_views import StaleOrganisationsReport, import_run_view, import_view

    return [
        path("directory/import/", import_view, name="directory_import"),
        path("directory/import/<int:pk>/", import_run_view, name="directory_import_run"),
        path("reports/stale-organisations/", StaleOrganisationsReport.as_view(), name="directory_stale_report"),
        path("reports/stale-organisations/results/", StaleOrganisationsReport.as_view(results_only=True),
             name="directory_stale_report_results"),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_reports_menu_item")
def register_stale_report_menu_item():
    return EditorsMenuItem(_("Stale organisation profiles"), reverse("directory_stale_report"), icon_name="time",
                           order=900)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return EditorsMenuItem(_("Import organisations"), reverse("directory_import"), icon_name="upload", order=810)
