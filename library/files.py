"""Upload checks for documents: the type is read from the content, never trusted from the name.

Used by the Wagtail document forms (admin, choosers, multiple upload: see
WAGTAILDOCS_DOCUMENT_FORM_BASE) and by the library's proposal form.
"""

import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Allowed types, by the extension their content proves; each accepts these file-name extensions.
ALLOWED_TYPES = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "xlsx": ("xlsx",),
    "pptx": ("pptx",),
    "odt": ("odt",),
    "ods": ("ods",),
    "png": ("png",),
    "jpg": ("jpg", "jpeg"),
    "webp": ("webp",),
}
TYPE_NAMES = {
    "pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument Text (ODT)", "ods": "OpenDocument Spreadsheet (ODS)", "png": "PNG", "jpg": "JPEG",
    "webp": "WebP",
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


def max_upload_size():
    """The largest accepted file in bytes (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, default 50 MB)."""
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 50 * 1024 * 1024


def _zip_type(fileobj):
    """Tell DOCX/XLSX/PPTX/ODT/ODS apart by the archive's members (filetype only reads the header)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError):
        return None
    return None


def detect_type(fileobj):
    """The type proven by the file's content (a key of ALLOWED_TYPES), or None; the position is restored."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        fileobj.seek(0)
        head = fileobj.read(8192)
        kind = filetype.guess(head)
        extension = kind.extension if kind else None
        if extension in ("zip", "docx", "xlsx", "pptx", "odt", "ods"):
            fileobj.seek(0)
            extension = _zip_type(fileobj)
        return extension if extension in ALLOWED_TYPES else None
    finally:
        fileobj.seek(position)


def validate_document_file(fileobj, name=None):
    """Raise ValidationError unless the file is an allowed type, matching its name, within the size limit."""
    name = name or getattr(fileobj, "name", "") or ""
    size = getattr(fileobj, "size", None)
    limit = max_upload_size()
    if size is not None and size > limit:
        raise ValidationError(
            _("The file %(name)s is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={"name": os.path.basename(name), "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    claimed = os.path.splitext(name)[1].lower().lstrip(".")
    detected = detect_type(fileobj)
    allowed = ", ".join(sorted(TYPE_NAMES.values()))
    if detected is None:
        if any(claimed in extensions for extensions in ALLOWED_TYPES.values()):
            kind = next(k for k, extensions in ALLOWED_TYPES.items() if claimed in extensions)
            raise ValidationError(
                _("The file %(name)s is named like a %(type)s file but its content is not a %(type)s file. "
                  "It may be damaged or renamed; please upload the original file."),
                code="content_mismatch",
                params={"name": os.path.basename(name), "type": TYPE_NAMES[kind]},
            )
        raise ValidationError(
            _("The file %(name)s is not of an accepted type. Accepted types: %(allowed)s."),
            code="file_type", params={"name": os.path.basename(name), "allowed": allowed},
        )
    if claimed not in ALLOWED_TYPES[detected]:
        raise ValidationError(
            _("The file %(name)s contains a %(type)s file but its name ends with “.%(extension)s”. "
              "Rename it to “.%(expected)s” or upload the right file."),
            code="content_mismatch",
            params={"name": os.path.basename(name), "type": TYPE_NAMES[detected], "extension": claimed,
                    "expected": ALLOWED_TYPES[detected][0]},
        )
    return detected
