"""Import of organisations from the CSV (or XLSX) format of ../shared/DOMAIN.md.

Each row is validated by the same form as the public registration, so the rules
are the same everywhere (NIP checksum, web links, known codes, no duplicate NIP).
A rejected row is reported with its line, column and value; the other rows go on.
Rows match existing organisations by NIP, else KRS, else name + city, so a
re-import updates instead of duplicating. A dry run validates and compares only.

System failures are not row errors: each row is one short transaction together with
its line of the report (`ImportRun`/`ImportLine`), a row that meets a locked database
is retried, and a run that still cannot go on stops as "interrupted" with everything
before it written and reported, to be resumed from the same file.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import OperationalError, transaction
from django.forms import modelform_factory
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from tqdm import tqdm

from home.models import NATIONWIDE

from .forms import OrganisationForm
from .import_files import UnreadableFile, read_rows
from .models import ImportLine, ImportRun, OrganisationPage
from .registration import directory_index, unique_slug
from .translation import descriptions_of, following_values, set_descriptions, sync_translations
from .validators import normalise_number

COLUMNS = [
    "name", "legal_form", "krs", "nip", "website", "email", "phone", "city", "voivodeship", "regions_served",
    "sectors", "target_groups", "languages", "description_pl", "description_uk", "description_en", "offers", "needs",
]
REQUIRED_COLUMNS = ["name", "city", "voivodeship", "sectors"]
LIST_COLUMNS = {"regions_served", "sectors", "target_groups", "languages", "offers", "needs"}
# CSV column → form field, where they differ.
FORM_FIELDS = {"name": "title", "offers": "support_offered", "needs": "support_needed"}
COLUMN_OF = {form_field: column for column, form_field in FORM_FIELDS.items()}
COLUMN_OF["nationwide"] = "regions_served"
# Only what the file carries: the contact person and other profile fields stay as they are.
RowForm = modelform_factory(OrganisationPage, form=OrganisationForm, fields=[
    "title", "legal_form", "krs", "nip", "website", "email", "phone", "city", "voivodeship", "regions_served",
    "nationwide", "sectors", "target_groups", "languages", "support_offered", "support_needed",
])
# A row that meets a locked database is tried this many times, waiting a little longer each time.
ATTEMPTS = 4
RETRY_WAIT = 0.5


@dataclass
class RowError:
    line: int
    column: str
    value: str
    message: str

    def as_list(self):
        """[column, value, message], as kept in an ImportLine."""
        return [self.column, self.value, self.message]

    def __str__(self):
        return _("line %(line)s, column %(column)s, value “%(value)s”: %(message)s") % {
            "line": self.line, "column": self.column, "value": self.value, "message": self.message,
        }


def split_codes(value):
    return [code.strip() for code in (value or "").split(";") if code.strip()]


def row_to_data(row):
    """A CSV row as the registration form's data (codes lists, nationwide flag)."""
    data = QueryDict(mutable=True)
    for column in COLUMNS:
        value = (row.get(column) or "").strip()
        name = FORM_FIELDS.get(column, column)
        if column == "regions_served":
            codes = split_codes(value)
            if NATIONWIDE in codes:
                data["nationwide"] = "on"
                codes = [code for code in codes if code != NATIONWIDE]
            data.setlist(name, codes)
        elif column in LIST_COLUMNS:
            data.setlist(name, split_codes(value))
        else:
            data[name] = value
    return data


def find_existing(row):
    """The organisation (default-language page) this row describes: by NIP, else KRS, else name + city."""
    pages = OrganisationPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    nip, krs = normalise_number(row.get("nip")), normalise_number(row.get("krs"))
    if nip:
        return pages.filter(nip=nip).first()
    if krs:
        return pages.filter(krs=krs).first()
    name, city = (row.get("name") or "").strip(), (row.get("city") or "").strip()
    if name and city:
        return pages.filter(title__iexact=name, city__iexact=city).first()
    return None


def form_errors(form, line, row):
    """RowErrors naming the CSV column and the value for each error of `form`."""
    errors = []
    for name, messages in form.errors.items():
        column = COLUMN_OF.get(name, name) if name != "__all__" else ""
        value = (row.get(column) or "") if column else ""
        for message in messages:
            errors.append(RowError(line, column or "—", value, message))
    return errors


class ImportInterrupted(Exception):
    """A system failure stopped the run: the rows before `run.done` are written and reported."""

    def __init__(self, run):
        super().__init__(run.problem)
        self.run = run


@dataclass
class RowOutcome:
    line: int
    name: str
    action: str
    columns: tuple = ()
    errors: tuple = ()


def changed_columns(form):
    """The file's columns behind the form's changed fields, in form order, each once."""
    columns = []
    for name in form.changed_data:
        column = COLUMN_OF.get(name, name)
        if column not in columns:
            columns.append(column)
    return columns


def check_row(line, row, parent, dry_run=False, publish=False, user=None):
    """Validate and compare one row and, unless `dry_run`, write it: its RowOutcome."""
    Action = ImportLine.Action
    name = (row.get("name") or "").strip()
    existing = find_existing(row)
    # Read before the form writes to the instance (which is `existing` itself when it has no revision).
    previous = following_values(existing) if existing else None
    instance = existing.get_latest_revision_as_object() if existing else None
    form = RowForm(row_to_data(row), instance=instance, descriptions=descriptions_of(existing) if existing else None)
    form.fields["legal_form"].required = False
    if not form.is_valid():
        return RowOutcome(line, name, Action.REJECTED, errors=tuple(form_errors(form, line, row)))
    if existing is not None and not form.has_changed():
        return RowOutcome(line, name, Action.UNCHANGED)
    columns = tuple(changed_columns(form)) if existing is not None else ()
    if not dry_run:
        save_row(form, existing, parent, publish, user, previous)
    return RowOutcome(line, name, Action.CREATED if existing is None else Action.UPDATED, columns=columns)


def import_organisations(file, dry_run=False, publish=False, user=None, progress=False, filename=""):
    """Import a CSV or XLSX file (binary file object or bytes) now; returns its ImportRun.

    The run is kept (with its report and the file, to resume) unless `dry_run`; a system
    failure raises ImportInterrupted after recording it on the run.
    """
    content = file if isinstance(file, (bytes, str)) else file.read()
    if isinstance(content, str):
        content = content.encode("utf-8")
    run = ImportRun(filename=filename or getattr(file, "name", "") or "", content=content, dry_run=dry_run,
                    publish=publish, user=user, language=translation.get_language() or settings.LANGUAGE_CODE)
    if not dry_run:
        run.save()
    return run_import(run, progress=progress)


def run_import(run, progress=False):
    """Process `run`'s rows from where it stopped (a new run from the start); returns the run."""
    with translation.override(run.language):
        try:
            header, rows = read_rows(bytes(run.content), run.filename)
        except UnreadableFile as error:
            return _finish(run, ImportRun.Status.FAILED, str(error))
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            run.rejected = len(rows)
            error = RowError(1, ", ".join(missing), "", _("required column missing from the header"))
            run.add_line(ImportLine(line=1, action=ImportLine.Action.REJECTED, errors=[error.as_list()]))
            return _finish(run, ImportRun.Status.FAILED, str(error))
        parent = directory_index()
        if parent is None:
            return _finish(run, ImportRun.Status.FAILED,
                           _("The site has no directory page yet: run “manage.py setup_site” first."))
        run.total, run.status = len(rows), ImportRun.Status.RUNNING
        _retrying(run, lambda: run.pk and run.save(update_fields=["total", "status"]))
        for line, row in tqdm(rows[run.done:], disable=not progress, unit="row", initial=run.done, total=len(rows)):
            _import_row(run, line, row, parent)
        return _retrying(run, lambda: _finish(run, ImportRun.Status.DONE))


def _import_row(run, line, row, parent):
    """One row and its report line in one transaction, retried on a locked database."""

    def attempt():
        with transaction.atomic():
            run.record(check_row(line, row, parent, run.dry_run, run.publish, run.user))

    _retrying(run, attempt, line)


def _retrying(run, action, line=None):
    """Run `action`; retry it on OperationalError (locks); on a lasting or other failure mark
    the run interrupted and raise ImportInterrupted."""
    for number in range(1, ATTEMPTS + 1):
        try:
            return action()
        except OperationalError as error:
            failure = error
            if number < ATTEMPTS:
                run.forget_uncommitted()
                time.sleep(RETRY_WAIT * number)
        except Exception as error:  # a bug or a crash in a row: never half a row, never a lost report
            failure = error
            break
    run.forget_uncommitted()
    problem = _("System failure at line %(line)s (%(error)s): the rows before it are imported and in the report; "
                "resume the import to go on.") % {"line": line or 1, "error": failure}
    try:
        _finish(run, ImportRun.Status.INTERRUPTED, problem)
    except OperationalError:
        run.status, run.problem = ImportRun.Status.INTERRUPTED, problem
    raise ImportInterrupted(run) from failure


def _finish(run, status, problem=""):
    run.status, run.problem, run.finished_at = status, problem, timezone.now()
    if run.pk:
        run.save(update_fields=["status", "problem", "finished_at", "rejected"])
    return run

def save_row(form, existing, parent, publish, user, previous=None):
    """Create or update one organisation from a valid form (`previous`: following_values before the change)."""
    page = form.save(commit=False)
    form.save_m2m()
    descriptions = form.descriptions()
    page.description = descriptions.get(settings.LANGUAGE_CODE, "")
    if existing is None:
        page.slug = unique_slug(parent, page.title)
        page.live = False
        page.locale_id = parent.locale_id
        parent.add_child(instance=page)
        live = publish
    else:
        live = existing.live or publish
    revision = page.save_revision(user=user, log_action=True)
    if live:
        revision.publish(user=user, skip_permission_checks=True)
    source = OrganisationPage.objects.get(pk=page.pk)
    sync_translations(source, user=user, previous=previous)
    set_descriptions(source, descriptions, user=user)
    return source
