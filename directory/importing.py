"""Import of organisations from the CSV format of ../shared/DOMAIN.md.

Each row is validated by the same form as the public registration, so the rules
are the same everywhere (NIP checksum, web links, known codes, no duplicate NIP).
A rejected row is reported with its line, column and value; the other rows go on.
Rows match existing organisations by NIP, else KRS, else name + city, so a
re-import updates instead of duplicating. A dry run validates and compares only.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from tqdm import tqdm

from home.models import NATIONWIDE

from .forms import OrganisationForm
from .models import OrganisationPage
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


@dataclass
class RowError:
    line: int
    column: str
    value: str
    message: str

    def __str__(self):
        return _("line %(line)s, column %(column)s, value “%(value)s”: %(message)s") % {
            "line": self.line, "column": self.column, "value": self.value, "message": self.message,
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False

    def summary(self):
        return _("created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, rejected: %(rejected)s") % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged, "rejected": self.rejected,
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
        if name == "nationwide":
            column = "regions_served"
        value = (row.get(column) or "") if column else ""
        for message in messages:
            errors.append(RowError(line, column or "—", value, message))
    return errors


def read_rows(file):
    """(header, rows) of a UTF-8 CSV given as text or bytes file; a BOM is tolerated."""
    content = file.read()
    if isinstance(content, bytes):
        content = content.decode("utf-8-sig")
    elif content.startswith("\ufeff"):
        content = content[1:]
    reader = csv.DictReader(io.StringIO(content, newline=""))
    return reader.fieldnames or [], list(reader)


def import_organisations(file, dry_run=False, publish=False, user=None, progress=False):
    """Import the CSV `file`; returns an ImportResult (nothing is written when `dry_run`)."""
    result = ImportResult(dry_run=dry_run)
    header, rows = read_rows(file)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), "", _("required column missing from the header")))
        result.rejected = len(rows)
        return result
    parent = directory_index()
    for number, row in enumerate(tqdm(rows, disable=not progress, unit="row"), start=2):
        existing = find_existing(row)
        # Read before the form writes to the instance (which is `existing` itself when it has no revision).
        previous = following_values(existing) if existing else None
        instance = existing.get_latest_revision_as_object() if existing else None
        form = OrganisationForm(row_to_data(row), instance=instance,
                                descriptions=descriptions_of(existing) if existing else None)
        form.fields["legal_form"].required = False
        if not form.is_valid():
            result.rejected += 1
            result.errors.extend(form_errors(form, number, row))
            continue
        if existing is not None and not form.has_changed():
            result.unchanged += 1
            continue
        if existing is None:
            result.created += 1
        else:
            result.updated += 1
        if not dry_run:
            with transaction.atomic():
                save_row(form, existing, parent, publish, user, previous)
    return result


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
