"""Reading the text inside PDF, DOCX, ODT and PPTX files, within a budget.

`extract_in_child(fileobj, kind)` is what the background task uses: the reading runs in a
child process (`python -m library.extract_child`) with a CPU-time and a memory limit set in
the child (resource.setrlimit) and a wall-clock timeout, so that a hostile file (a small
PDF whose content unpacks to tens of megabytes) costs the child, never the worker. It
returns (text, pages, truncated) or raises Unsupported, ExtractionError (damaged file) or
LimitReached (TOO_LARGE / TOO_SLOW). `extract_text` is the reading itself, in-process;
both stop after LIBRARY_EXTRACTION_MAX_PAGES pages and LIBRARY_MAX_EXTRACTED_CHARS characters.
An image-only PDF gives empty text: the caller flags it as such.
"""

import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile


class ExtractionError(Exception):
    """The file could not be read (damaged, encrypted, not what it claims to be)."""


class Unsupported(Exception):
    """The format has no text to extract (images, spreadsheets)."""


class LimitReached(Exception):
    """Reading the file went over a limit; `reason` is TOO_LARGE (memory) or TOO_SLOW (time)."""

    TOO_LARGE = "too_large"
    TOO_SLOW = "too_slow"

    def __init__(self, reason, detail):
        super().__init__(detail)
        self.reason = reason


def _pdf(fileobj, max_pages, max_chars):
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as error:  # noqa: BLE001 - pypdf raises several types for bad keys
            raise ExtractionError(f"encrypted PDF: {error}") from error
    texts, size, total = [], 0, len(reader.pages)
    for number in range(total):
        if number >= max_pages or size >= max_chars:
            return "\n".join(texts), total, True
        text = reader.pages[number].extract_text() or ""
        texts.append(text)
        size += len(text)
    return "\n".join(texts), total, False


def _docx(fileobj, max_pages, max_chars):
    import docx

    document = docx.Document(fileobj)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    # python-docx does not count pages (they exist only once rendered): count explicit breaks + 1.
    return "\n".join(parts), 1 + sum(p.contains_page_break for p in document.paragraphs), False


def _pptx(fileobj, max_pages, max_chars):
    from pptx import Presentation

    presentation = Presentation(fileobj)
    slides, size, total = [], 0, len(presentation.slides)
    for number, slide in enumerate(presentation.slides):
        if number >= max_pages or size >= max_chars:
            return "\n\n".join(slides), total, True
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        slides.append("\n".join(texts))
        size += len(slides[-1])
    return "\n\n".join(slides), total, False


def _odt(fileobj, max_pages, max_chars):
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    document = load(fileobj)
    parts = [teletype.extractText(element) for element in document.getElementsByType(H) + document.getElementsByType(P)]
    return "\n".join(parts), 1, False


EXTRACTORS = {"pdf": _pdf, "docx": _docx, "pptx": _pptx, "odt": _odt}


def normalise(text):
    """Collapse runs of spaces and blank lines, drop NUL bytes (PostgreSQL refuses them)."""
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def extract_text(fileobj, kind=None, max_pages=None, max_chars=None):
    """Return (text, pages, truncated) of a PDF/DOCX/ODT/PPTX file, in this process.

    Reads at most `max_pages` pages (slides) and keeps at most `max_chars` characters;
    `truncated` tells that the file had more. Raises Unsupported or ExtractionError.
    """
    if kind is None:
        from core.uploads import detect_type

        kind = detect_type(fileobj)
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        raise Unsupported(kind or "unknown")
    max_pages = max_pages or sys.maxsize
    max_chars = max_chars or sys.maxsize
    try:
        fileobj.seek(0)
        text, pages, truncated = extractor(fileobj, max_pages, max_chars)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - each parser raises its own zoo of errors on damaged files
        raise ExtractionError(f"{type(error).__name__}: {error}"[:450]) from error
    text = normalise(text)
    if len(text) > max_chars:
        text, truncated = text[:max_chars], True
    return text, pages, truncated


def extraction_limits():
    """The budget of one extraction, from settings (LIBRARY_EXTRACTION_*)."""
    from django.conf import settings

    from .models.documents import MAX_TEXT_LENGTH

    return {
        "cpu_seconds": getattr(settings, "LIBRARY_EXTRACTION_CPU_SECONDS", 30),
        "memory_mb": getattr(settings, "LIBRARY_EXTRACTION_MEMORY_MB", 256),
        "wall_seconds": getattr(settings, "LIBRARY_EXTRACTION_WALL_SECONDS", 60),
        "max_pages": getattr(settings, "LIBRARY_EXTRACTION_MAX_PAGES", 500),
        "max_chars": getattr(settings, "LIBRARY_MAX_EXTRACTED_CHARS", None) or MAX_TEXT_LENGTH,
    }


def _limit_child(cpu_seconds, memory_bytes):
    """preexec_fn: the limits are set in the child, between fork and exec (nothing else runs there)."""

    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def extract_in_child(fileobj, kind):
    """Extract in a child process within the budget; return (text, pages, truncated).

    Raises Unsupported, ExtractionError, or LimitReached when the child ran out of memory
    (TOO_LARGE) or of CPU or wall-clock time (TOO_SLOW). The caller's process is never at
    risk: django-q2 workers are daemonic (no multiprocessing children), so this is a plain
    subprocess. The file is copied to a temporary file in chunks, never held in memory.
    """
    from django.conf import settings

    from .extract_child import EXIT_TOO_LARGE

    if kind not in EXTRACTORS:
        raise Unsupported(kind or "unknown")
    limits = extraction_limits()
    with tempfile.NamedTemporaryFile(prefix="extract-", suffix=f".{kind}") as copy:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, copy, 1 << 20)
        copy.flush()
        command = [sys.executable, "-m", "library.extract_child", copy.name, kind,
                   str(limits["max_pages"]), str(limits["max_chars"])]
        try:
            child = subprocess.run(
                command, capture_output=True, cwd=settings.BASE_DIR, timeout=limits["wall_seconds"],
                preexec_fn=_limit_child(limits["cpu_seconds"], limits["memory_mb"] * 1024 * 1024),
                check=False,
            )
        except subprocess.TimeoutExpired as error:  # subprocess.run has killed the child
            raise LimitReached(LimitReached.TOO_SLOW, f"took over {limits['wall_seconds']} s") from error
    if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise LimitReached(LimitReached.TOO_SLOW, f"over {limits['cpu_seconds']} s of CPU time")
    stderr = child.stderr.decode("utf-8", "replace")
    if child.returncode == EXIT_TOO_LARGE or "MemoryError" in stderr or "Cannot allocate memory" in stderr:
        raise LimitReached(LimitReached.TOO_LARGE, f"over {limits['memory_mb']} MB of memory")
    if child.returncode != 0:
        raise ExtractionError(f"reader exited with {child.returncode}: {stderr.strip()[-300:]}"[:450])
    result = json.loads(child.stdout.decode("utf-8"))
    if result["status"] == "unsupported":
        raise Unsupported(kind)
    if result["status"] == "failed":
        raise ExtractionError(result["error"])
    return result["text"], result["pages"], result["truncated"]
