"""Wagtail admin integration: per-organisation isolation, memberships, registrations."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Invitation, Membership, OrganisationPage, Registration
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


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    form_fields = ["organisation", "email", "role"]


class DirectoryViewSetGroup(ViewSetGroup):
    items = (MembershipViewSet, RegistrationViewSet, InvitationViewSet)
    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DirectoryViewSetGroup()
