"""The working groups in the Wagtail admin: memberships and meeting registrations (Secretariat), and where a
coordinator's page explorer opens."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail import hooks

from .explorer import open_explorer_at_own_pages
from .models import GroupMembership, MeetingRegistration


class GroupMembershipViewSet(ModelViewSet):
    """Who is in which group, with which role; the Secretariat appoints coordinators here."""

    model = GroupMembership
    icon = "group"
    menu_label = _("Memberships")
    list_display = ["user", "group", "role", "status", "created_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    form_fields = ["group", "user", "role", "status", "message"]
    ordering = ["-created_at"]


class MeetingRegistrationViewSet(ModelViewSet):
    """Registrations for meetings, for the Secretariat's overview and corrections."""

    model = MeetingRegistration
    icon = "date"
    menu_label = _("Registrations")
    list_display = ["user", "meeting", "status", "registered_at", "attended"]
    list_filter = ["status", "attended"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation_name"]
    form_fields = ["organisation_name", "interpretation", "accessibility_needs", "attended"]
    ordering = ["-registered_at"]
    add_to_admin_menu = False


class WorkingGroupsViewSetGroup(ViewSetGroup):
    items = (GroupMembershipViewSet("group_memberships"), MeetingRegistrationViewSet("meeting_registrations"))
    menu_icon = "group"
    menu_label = _("Working groups")
    menu_name = "working-groups"


@hooks.register("register_admin_viewset")
def register_viewset():
    return WorkingGroupsViewSetGroup()


# A coordinator's "Pages" explorer opens at their group's page (groups/explorer.py).
hooks.register("construct_main_menu", open_explorer_at_own_pages)
