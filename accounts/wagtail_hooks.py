"""Admin integration: audit actions and report, consent records, erasure on behalf of a person."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_views
from .audit import ACTIONS
from .models import ConsentRecord
from .roles import can_process_erasure


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("audit-log/", admin_views.AuditLogView.as_view(), name="accounts_audit_log"),
        path("audit-log/results/", admin_views.AuditLogView.as_view(results_only=True),
             name="accounts_audit_log_results"),
        path("erase-person/", admin_views.erase_person, name="accounts_erase_person"),
    ]


class SecretariatMenuItem(MenuItem):
    """Shown to administrators and the Secretariat."""

    def is_shown(self, request):
        return can_process_erasure(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return SecretariatMenuItem(_("Audit log"), reverse("accounts_audit_log"), icon_name="warning", order=900)


@hooks.register("register_settings_menu_item")
def register_erasure_menu_item():
    return SecretariatMenuItem(_("Erase a person's data"), reverse("accounts_erase_person"), icon_name="bin", order=900)


class EvidencePermissionPolicy(ModelPermissionPolicy):
    """Consents are created by the people who give them, never added in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class ConsentRecordViewSet(ModelViewSet):
    """Consent records, read-only: they are evidence, not content."""

    model = ConsentRecord
    icon = "tick-inverse"
    menu_label = _("Consent records")
    add_to_admin_menu = False
    list_display = ["email", "purpose", "version", "method", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "method"]
    search_fields = ["email"]
    list_export = ["email", "purpose", "version", "method", "given_at", "withdrawn_at"]
    inspect_view_enabled = True
    form_fields = ["withdrawn_at"]


register_permission_policy(ConsentRecord, EvidencePermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_viewset():
    return ConsentRecordViewSet("consent_records")
