"""Wagtail admin report: organisation profiles not confirmed for 12 months."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from library.files import check_upload

from .permissions import is_editor
from .staleness import stale_organisations


class StaleOrganisationsReport(ReportView):
    """Editors list the stale profiles, oldest confirmation first (also as CSV/XLSX)."""

    page_title = _("Stale organisation profiles")
    header_icon = "time"
    index_url_name = "directory_stale_report"
    index_results_url_name = "directory_stale_report_results"
    columns = [
        TitleColumn("title", label=_("Organisation"), url_name="wagtailadmin_pages:edit"),
        Column("city", label=_("city")),
        DateColumn("confirmed", label=_("last confirmed as current")),
    ]
    list_export = ["title", "city", "nip", "confirmed"]
    export_headings = {"title": _("Organisation"), "city": _("city"), "nip": _("NIP"),
                       "confirmed": _("last confirmed as current")}

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return stale_organisations()

    def get_filename(self):
        return f"stale-organisations-{datetime.date.today():%Y-%m-%d}"


class ImportForm(forms.Form):
    """Upload of an organisations CSV in the admin."""

    file = forms.FileField(label=_("CSV file (UTF-8, header row)"))
    dry_run = forms.BooleanField(label=_("Dry run: check and compare only, write nothing"), required=False,
                                 initial=True)
    publish = forms.BooleanField(label=_("Publish new organisations at once"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file may be at most 10 MB."))
        check_upload(upload, ("csv",), max_size=IMPORT_MAX_BYTES)  # the one path of every upload
        return upload


IMPORT_MAX_BYTES = 10 * 1024 * 1024


def import_view(request):
    """Editors import organisations from CSV, with the same rules as the command."""
    from .importing import import_organisations
    from .registration import directory_index

    if not is_editor(request.user):
        raise PermissionDenied
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if directory_index() is None:
            form.add_error(None, _("Create the directory page first."))
        else:
            try:
                result = import_organisations(form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"],
                                              publish=form.cleaned_data["publish"], user=request.user)
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text."))
    return TemplateResponse(request, "directory/admin/import.html", {
        "form": form, "result": result, "page_title": _("Import organisations"), "header_icon": "upload",
    })
