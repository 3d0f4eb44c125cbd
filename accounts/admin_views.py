"""The audit report in the Wagtail admin: sensitive actions only, read-only, for administrators and the Secretariat."""

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry

from .audit import ACTIONS, WAGTAIL_ACTIONS
from .roles import is_secretariat


class AuditLogView(LogEntriesView):
    """Wagtail's site history narrowed to the audited actions, with its CSV/XLSX export."""

    page_title = _("Audit log")
    header_icon = "warning"
    index_url_name = "accounts_audit_log"
    index_results_url_name = "accounts_audit_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filtered_queryset(self):
        """Wagtail's union of every log model's entries, without its per-object visibility filter:
        this report shows the audited actions only, to the people dispatch() lets in (the
        Secretariat must see membership and permission changes of users it holds no rights on)."""
        self.log_models = list(log_action_registry.get_log_entry_models())
        queryset = None
        for index, log_model in enumerate(self.log_models):
            rows = log_model.objects.values("pk", "timestamp").annotate(
                log_model_index=Value(index, output_field=IntegerField()))
            rows = self.filter_queryset(rows).order_by()
            queryset = rows if queryset is None else queryset.union(rows, all=True)
        return queryset.order_by("-timestamp")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return queryset.filter(action__in=[*ACTIONS, *WAGTAIL_ACTIONS])


def erase_person(request):
    """Erase someone's personal data on their (offline) request: find by e-mail, confirm, erase."""
    from django import forms
    from django.contrib import messages
    from django.contrib.auth import get_user_model
    from django.shortcuts import redirect
    from django.template.response import TemplateResponse

    from .privacy import erase_user
    from .roles import can_process_erasure

    if not can_process_erasure(request.user):
        raise PermissionDenied

    class ErasureRequestForm(forms.Form):
        email = forms.EmailField(label=_("E-mail address of the person"))
        confirm = forms.BooleanField(
            label=_("I have verified this request and understand that erasure cannot be undone."),
        )

    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", _("Nobody has an account with this e-mail address."))
        elif person == request.user:
            form.add_error("email", _("Delete your own account from your privacy page on the site."))
        else:
            erase_user(person, actor=request.user)
            messages.success(request, _("The person's personal data has been erased."))
            return redirect("accounts_erase_person")
    return TemplateResponse(request, "accounts/admin/erase_person.html", {"form": form})
