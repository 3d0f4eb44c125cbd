"""Wagtail admin report: organisation profiles not confirmed for 12 months."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from core.uploads import check_upload

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
        Column("city", label=_("City")),
        DateColumn("confirmed", label=_("Last confirmed as current")),
    ]
    list_export = ["title", "city", "nip", "confirmed"]
    export_headings = {"title": _("Organisation"), "city": _("City"), "nip": _("NIP"),
                       "confirmed": _("Last confirmed as current")}

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return stale_organisations()

    def get_filename(self):
        return f"stale-organisations-{datetime.date.today():%Y-%m-%d}"


class ImportForm(forms.Form):
    """Upload of an organisations file (CSV or XLSX) in the admin."""

    file = forms.FileField(label=_("CSV (UTF-8, header row) or XLSX file"))
    dry_run = forms.BooleanField(label=_("Dry run: check and compare only, write nothing"), required=False,
                                 initial=True)
    publish = forms.BooleanField(label=_("Publish new organisations at once"), required=False)

    def clean_file(self):
        from .import_files import UnreadableFile, check_rows

        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file may be at most 10 MB."))
        # The one path of every upload (type from the content, zip-bomb limits), then readable rows.
        check_upload(upload, ("csv", "xlsx"), max_size=IMPORT_MAX_BYTES)
        upload.seek(0)
        content = upload.read()
        try:
            check_rows(content, upload.name)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload.name, content


IMPORT_MAX_BYTES = 10 * 1024 * 1024


def _editors_only(request):
    if not is_editor(request.user):
        raise PermissionDenied


def import_view(request):
    """Editors upload a file; the import runs as a background task and this page leads to its progress."""
    from django_q.tasks import async_task

    from .models import ImportRun
    from .registration import directory_index

    _editors_only(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if directory_index() is None:
            form.add_error(None, _("The site has no directory page yet: run “manage.py setup_site” first."))
        else:
            filename, content = form.cleaned_data["file"]
            run = ImportRun.objects.create(
                user=request.user, filename=filename, content=content, dry_run=form.cleaned_data["dry_run"],
                publish=form.cleaned_data["publish"], language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            transaction.on_commit(lambda: async_task("directory.tasks.run_import", run.pk, group="imports"))
            return redirect("directory_import_run", run.pk)
    return TemplateResponse(request, "directory/admin/import.html", {
        "form": form, "runs": ImportRun.objects.defer("content")[:10],
        "page_title": _("Import organisations"), "header_icon": "upload",
    })


def import_run_view(request, pk):
    """An import's progress, then its per-row report; an interrupted one can be resumed (POST)."""
    from django_q.tasks import async_task

    from .models import ImportRun

    _editors_only(request)
    run = get_object_or_404(ImportRun.objects.defer("content"), pk=pk)
    if request.method == "POST" and run.status == ImportRun.Status.INTERRUPTED:
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.PENDING, problem="")
        transaction.on_commit(lambda: async_task("directory.tasks.run_import", run.pk, group="imports"))
        return redirect("directory_import_run", run.pk)
    lines = list(run.lines.all()) if not run.is_active else []
    return TemplateResponse(request, "directory/admin/import_run.html", {
        "run": run, "lines": lines, "errors": run.errors if lines else [],
        "page_title": _("Organisation import"), "header_icon": "upload",
    })
