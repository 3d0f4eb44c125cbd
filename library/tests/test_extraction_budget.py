"""Text extraction runs in a child process within a budget (CPU time, memory, wall clock, pages,
characters); a hostile file is marked for editors, never read again, and costs the worker nothing."""

import resource

import pytest

from library.demo_files import docx_bytes, pdf_bytes
from library.factories import document
from library.hostile_files import pdf_bomb
from library.models import DocumentText
from library.tasks import extract_document_text

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bomb():
    """~60 KB, three pages sharing a content stream that unpacks to 20 MB (~330 MB and ~6 s per page)."""
    return pdf_bomb(pages=3)


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_hostile_pdf_is_marked_too_large_never_retried_and_costs_the_worker_nothing(
        settings, bomb, client, user_factory, django_capture_on_commit_callbacks):
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 128
    before = _peak_rss_mb()
    with django_capture_on_commit_callbacks(execute=True):
        doc = document("bomba.pdf", bomb, title="Bomba w PDF")
    assert _peak_rss_mb() - before < 100  # the reading happened in the child, not here
    record = DocumentText.objects.get(document=doc)
    assert record.status == DocumentText.TOO_LARGE and record.needs_attention
    assert "128 MB" in record.error
    # Never read again, even when forced (a retried task, an editor's re-run).
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 4096
    assert extract_document_text(doc.pk, force=True) == DocumentText.TOO_LARGE
    assert DocumentText.objects.get(document=doc).extracted_at == record.extracted_at
    # The next file is read as usual.
    with django_capture_on_commit_callbacks(execute=True):
        good = document("dobry.pdf", pdf_bytes(["Umowa najmu"]))
    assert DocumentText.objects.get(document=good).status == DocumentText.DONE
    # Editors see it among the files that need attention, with the reason.
    client.force_login(user_factory(is_superuser=True, is_staff=True))
    html = client.get("/admin/snippets/library/documenttext/", {"needs_attention": "true"}).content.decode()
    assert "Bomba w PDF" in html and "Za duży do odczytu" in html  # the admin speaks the site's language


@pytest.mark.parametrize("limits", [
    {"LIBRARY_EXTRACTION_CPU_SECONDS": 1, "LIBRARY_EXTRACTION_WALL_SECONDS": 60},
    {"LIBRARY_EXTRACTION_CPU_SECONDS": 60, "LIBRARY_EXTRACTION_WALL_SECONDS": 1},
])
def test_slow_file_is_marked_too_slow(settings, bomb, django_capture_on_commit_callbacks, limits):
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 2048
    for name, value in limits.items():
        setattr(settings, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        doc = document("wolny.pdf", bomb)
    record = DocumentText.objects.get(document=doc)
    assert record.status == DocumentText.TOO_SLOW and record.needs_attention


def test_pages_and_characters_are_capped(settings, django_capture_on_commit_callbacks):
    settings.LIBRARY_EXTRACTION_MAX_PAGES = 2
    settings.LIBRARY_MAX_EXTRACTED_CHARS = 10_000
    with django_capture_on_commit_callbacks(execute=True):
        long_pdf = document("dlugi.pdf", pdf_bytes(["Strona"], pages=5))
    record = DocumentText.objects.get(document=long_pdf)
    assert record.status == DocumentText.DONE and record.pages == 5
    assert "2/5" in record.text and "3/5" not in record.text and "beginning" in record.error
    settings.LIBRARY_MAX_EXTRACTED_CHARS = 50
    with django_capture_on_commit_callbacks(execute=True):
        long_docx = document("dlugi.docx", docx_bytes(["Mieszkalnictwo wspomagane"] * 100))
    record = DocumentText.objects.get(document=long_docx)
    assert record.status == DocumentText.DONE and len(record.text) == 50
