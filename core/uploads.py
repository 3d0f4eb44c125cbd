"""The one validation path of every upload: type by content, size, zip safety, image bombs, file names.

`check_upload(uploaded, kinds, max_size)` is what every upload goes through: the Wagtail
document and image forms (admin, choosers, multiple upload: WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE = "library.forms.CheckedImageForm"), library proposals, member updates (image, document),
organisation logos and the organisation import (CSV, XLSX). It raises a ValidationError with
a message for the person, and never reads more of a file than a bounded amount: a zip
archive (DOCX/XLSX/PPTX/ODT/ODS) is judged by its central directory and a few bytes of one
member, an image by its header.
"""

import os
import unicodedata
import warnings
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
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
    "gif": ("gif",),
    "csv": ("csv",),
}
TYPE_NAMES = {
    "pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument Text (ODT)", "ods": "OpenDocument Spreadsheet (ODS)", "png": "PNG", "jpg": "JPEG",
    "webp": "WebP", "gif": "GIF", "csv": "CSV",
}
# What each kind of upload accepts.
DOCUMENT_TYPES = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpg", "webp")
IMAGE_TYPES = ("png", "jpg", "webp")
WAGTAIL_IMAGE_TYPES = ("png", "jpg", "webp", "gif")
ZIP_TYPES = ("docx", "xlsx", "pptx", "odt", "ods")
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
OOXML_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
HEAD_BYTES = 8192
MAX_NAME_LENGTH = 120


def max_upload_size():
    """The largest accepted document in bytes (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, default 50 MB)."""
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 50 * 1024 * 1024


def zip_limits():
    """(total uncompressed bytes, compression ratio, members) an archive may have (settings.UPLOAD_ZIP_*)."""
    return (getattr(settings, "UPLOAD_ZIP_MAX_UNCOMPRESSED", 200 * 1024 * 1024),
            getattr(settings, "UPLOAD_ZIP_MAX_RATIO", 100),
            getattr(settings, "UPLOAD_ZIP_MAX_MEMBERS", 10_000))


def max_image_pixels():
    """The most pixels an uploaded image may have (settings.UPLOAD_MAX_IMAGE_PIXELS, default 40 million).

    A 1-bit PNG of 14 KB can have 81 million pixels: ~330 MB once decoded. Pillow's own limit
    is set from this in LibraryConfig.ready, so Wagtail's image uploads stop here too.
    """
    return getattr(settings, "UPLOAD_MAX_IMAGE_PIXELS", None) or 40_000_000


# Below this many uncompressed bytes a high compression ratio is harmless (short repetitive XML).
RATIO_FLOOR = 10 * 1024 * 1024


class ZipBomb(ValueError):
    """The archive would unpack to more than the limits allow."""


def check_zip(fileobj):
    """Raise ZipBomb when the archive unpacks beyond the limits; reads only its central directory.

    Python's zipfile, which every reader of these formats here uses (python-docx, python-pptx,
    odfpy, openpyxl), never yields more than a member's declared size, so the declared sizes
    bound what any later reading can cost.
    """
    max_total, max_ratio, max_members = zip_limits()
    with zipfile.ZipFile(fileobj) as archive:
        members = archive.infolist()
        if len(members) > max_members:
            raise ZipBomb("members")
        total = sum(member.file_size for member in members)
        compressed = sum(member.compress_size for member in members)
        if total > max_total:
            raise ZipBomb("size")
        if total > RATIO_FLOOR and total > max_ratio * max(compressed, 1):
            raise ZipBomb("ratio")
        for member in members:
            if member.file_size > RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
                raise ZipBomb("ratio")


def _zip_type(fileobj):
    """Tell DOCX/XLSX/PPTX/ODT/ODS apart by the archive's members (filetype only reads the header)."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # Bounded read: the entry is ~40 bytes in a real file, gigabytes in a bomb.
                with archive.open("mimetype") as entry:
                    return ODF_MIMETYPES.get(entry.read(100).strip())
            if "[Content_Types].xml" in names:
                for folder, kind in OOXML_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None
    return None


def _looks_like_text(head):
    """CSV: UTF-8 text without NUL bytes (a cut multi-byte character at the end is allowed)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3 and len(head) == HEAD_BYTES
    return True


def detect_type(fileobj, kinds=None):
    """The type proven by the file's content (a key of ALLOWED_TYPES), or None; the position is restored.

    Text types (CSV) have no signature: they are only considered when `kinds` asks for them.
    """
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    try:
        fileobj.seek(0)
        head = fileobj.read(HEAD_BYTES)
        kind = filetype.guess(head)
        extension = kind.extension if kind else None
        if extension in ("zip", "docx", "xlsx", "pptx", "odt", "ods"):
            fileobj.seek(0)
            extension = _zip_type(fileobj)
        elif extension is None and kinds and "csv" in kinds and head and _looks_like_text(head):
            extension = "csv"
        return extension if extension in ALLOWED_TYPES else None
    finally:
        fileobj.seek(position)


def clean_filename(name):
    """A safe file name: no folders, control or bidi characters, at most MAX_NAME_LENGTH characters.

    Letters of any alphabet stay (Polish, Ukrainian); Django's get_valid_filename drops the rest.
    """
    name = os.path.basename(str(name).replace("\\", "/"))
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")  # Cc, Cf (bidi), Co, Cn, Cs
    stem, extension = os.path.splitext(name)
    extension = extension[:12]
    name = stem[: MAX_NAME_LENGTH - len(extension)] + extension
    try:
        return get_valid_filename(name)
    except SuspiciousFileOperation:
        return get_valid_filename(f"file{extension}") if extension.strip(".") else "file"


def _image_pixels_error(fileobj):
    """A message when the image is too large in pixels (or unreadable); reads its header only."""
    from PIL import Image

    fileobj.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit is checked below
            with Image.open(fileobj) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return _("The image has too many pixels; the limit is %(limit)s megapixels.")
    except Exception:  # noqa: BLE001 - Pillow raises many types for damaged images
        return _("The image cannot be read; it may be damaged.")
    finally:
        fileobj.seek(0)
    if width * height > max_image_pixels():
        return _("The image has too many pixels; the limit is %(limit)s megapixels.")
    return None


def _names(kinds):
    return ", ".join(sorted({TYPE_NAMES[kind] for kind in kinds}))


def check_upload(uploaded, kinds=DOCUMENT_TYPES, max_size=None, name=None):
    """Check one uploaded file and return the type its content proves (one of `kinds`).

    Raises ValidationError (translated, naming the file) when the file is too large, its
    content is not one of `kinds` or does not match its name, an archive would unpack
    beyond the limits (zip bomb), or an image has too many pixels. The file's name is
    cleaned in place (`uploaded.name`) so that what is stored and shown is safe.
    """
    name = clean_filename(name or getattr(uploaded, "name", "") or "")
    if hasattr(uploaded, "name"):
        uploaded.name = name
    size = getattr(uploaded, "size", None)
    limit = max_size or max_upload_size()
    if size is not None and size > limit:
        raise ValidationError(
            _("The file %(name)s is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    claimed = os.path.splitext(name)[1].lower().lstrip(".")
    detected = detect_type(uploaded, kinds)
    if detected in ZIP_TYPES or (detected is None and claimed in ZIP_TYPES):
        position = uploaded.tell()
        try:
            uploaded.seek(0)
            check_zip(uploaded)
        except ZipBomb as error:
            max_total, max_ratio, _members = zip_limits()
            raise ValidationError(
                _("The file %(name)s would unpack to too much data (more than %(limit)s, or compressed more "
                  "than %(ratio)s times); it was not accepted. Save it again from your office program and "
                  "upload the new file."),
                code="zip_bomb", params={"name": name, "limit": filesizeformat(max_total), "ratio": max_ratio},
            ) from error
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            pass  # not an archive after all: the type checks below refuse it
        finally:
            uploaded.seek(position)
    if detected is None or detected not in kinds:
        if any(claimed in ALLOWED_TYPES[kind] for kind in kinds):
            kind = next(kind for kind in kinds if claimed in ALLOWED_TYPES[kind])
            raise ValidationError(
                _("The file %(name)s is named like a %(type)s file but its content is not a %(type)s file. "
                  "It may be damaged or renamed; please upload the original file."),
                code="content_mismatch", params={"name": name, "type": TYPE_NAMES[kind]},
            )
        raise ValidationError(
            _("The file %(name)s is not of an accepted type. Accepted types: %(allowed)s."),
            code="file_type", params={"name": name, "allowed": _names(kinds)},
        )
    if claimed not in ALLOWED_TYPES[detected]:
        raise ValidationError(
            _("The file %(name)s contains a %(type)s file but its name ends with “.%(extension)s”. "
              "Rename it to “.%(expected)s” or upload the right file."),
            code="content_mismatch",
            params={"name": name, "type": TYPE_NAMES[detected], "extension": claimed,
                    "expected": ALLOWED_TYPES[detected][0]},
        )
    if detected in WAGTAIL_IMAGE_TYPES:
        message = _image_pixels_error(uploaded)
        if message:
            raise ValidationError(message, code="image_pixels",
                                  params={"limit": max_image_pixels() // 1_000_000})
    return detected


def validate_document_file(fileobj, name=None):
    """Check a document upload (the library's types, WAGTAILDOCS_MAX_UPLOAD_SIZE); return its type."""
    return check_upload(fileobj, DOCUMENT_TYPES, name=name)
