"""Reading the text inside PDF, DOCX, ODT and PPTX files.

`extract_text(fileobj, kind)` returns (text, pages) or raises ExtractionError when the
file is damaged. An image-only PDF gives empty text: the caller flags it as such.
"""

import re

from .files import detect_type


class ExtractionError(Exception):
    """The file could not be read (damaged, encrypted, not what it claims to be)."""


class Unsupported(Exception):
    """The format has no text to extract (images, spreadsheets)."""


def _pdf(fileobj):
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - pypdf raises several types for bad keys
            raise ExtractionError(f"encrypted PDF: {error}") from error
    texts = [page.extract_text() or "" for page in reader.pages]
    return "\n".join(texts), len(texts)


def _docx(fileobj):
    import docx

    document = docx.Document(fileobj)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    # python-docx does not count pages (they exist only once rendered): count explicit breaks + 1.
    return "\n".join(parts), 1 + sum(p.contains_page_break for p in document.paragraphs)


def _pptx(fileobj):
    from pptx import Presentation

    presentation = Presentation(fileobj)
    slides = []
    for slide in presentation.slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        slides.append("\n".join(texts))
    return "\n\n".join(slides), len(slides)


def _odt(fileobj):
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    document = load(fileobj)
    parts = [teletype.extractText(element) for element in document.getElementsByType(H) + document.getElementsByType(P)]
    return "\n".join(parts), 1


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "odt": _odt}


def normalise(text):
    """Collapse runs of spaces and blank lines, drop NUL bytes (PostgreSQL refuses them)."""
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def extract_text(fileobj, kind=None):
    """Return (text, pages) of a PDF/DOCX/ODT/PPTX file; raise Unsupported or ExtractionError."""
    kind = kind or detect_type(fileobj)
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        raise Unsupported(kind or "unknown")
    try:
        fileobj.seek(0)
        text, pages = extractor(fileobj)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - each parser raises its own zoo of errors on damaged files
        raise ExtractionError(f"{type(error).__name__}: {error}"[:450]) from error
    return normalise(text), pages
