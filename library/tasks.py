"""Background work of the library (django-q2): text extraction from documents."""

import hashlib
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from .extraction import ExtractionError, LimitReached, Unsupported, extract_in_child
from core.uploads import detect_type
from .models import DocumentText, ResourcePage
from .models.documents import MAX_TEXT_LENGTH

logger = logging.getLogger(__name__)


def queue_extraction(document_id):
    """Queue the extraction of one document's text once the current transaction commits."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("library.tasks.extract_document_text", document_id,
                                             task_name=f"extract-document-{document_id}"))


def _file_hash(fileobj):
    digest = hashlib.sha1()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def extract_document_text(document_id, force=False):
    """Extract and store the text of one document, then refresh the resources that attach it.

    Idempotent: an unchanged file (same hash) already extracted is not read again, so a
    task retried after a worker died does the work once and loses nothing. The reading runs
    in a child process within a budget (library.extraction.extract_in_child); a file that
    went over it is marked TOO_LARGE or TOO_SLOW and never read again, even with `force`.
    """
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    record, _created = DocumentText.objects.get_or_create(document=document)
    try:
        with document.file.open("rb") as fileobj:
            file_hash = _file_hash(fileobj)
            if record.file_hash == file_hash and (record.status in DocumentText.OVER_LIMIT or (
                    not force and record.status != DocumentText.PENDING)):
                return record.status
            text, pages, status, error = "", 0, DocumentText.DONE, ""
            try:
                # A damaged file is not recognised by its content: its name says what it should have been.
                kind = detect_type(fileobj) or document.file_extension.lower()
                text, pages, truncated = extract_in_child(fileobj, kind)
                if not text.strip():
                    status = DocumentText.EMPTY
                elif truncated:
                    error = f"only the beginning was read ({len(text)} characters)"
            except Unsupported:
                status = DocumentText.UNSUPPORTED
            except LimitReached as exc:
                status, error = exc.reason, str(exc)
                logger.warning("document %s over the extraction budget: %s", document_id, exc)
            except ExtractionError as exc:
                status, error = DocumentText.FAILED, str(exc)
    except OSError as exc:  # the file is missing from storage
        file_hash, text, pages, status, error = "", "", 0, DocumentText.FAILED, f"file unreadable: {exc}"[:450]
    record.text = text[:MAX_TEXT_LENGTH]
    record.pages, record.status, record.error, record.file_hash = pages, status, error, file_hash
    record.extracted_at = timezone.now()
    record.save()  # post_save refreshes the resources that attach this document (library.signals)
    logger.info("extracted document %s: %s (%s pages)", document_id, status, pages)
    return status


def refresh_resources_of_document(document_id):
    """Recompute the stored attachment text of every resource page that attaches the document."""
    pages = ResourcePage.objects.filter(attachments__document_id=document_id).distinct()
    for page in pages:
        refresh_attachment_text(page)


def refresh_attachment_text(page):
    """Store the text of `page`'s attachments in ResourcePage.attachment_text (no new revision)."""
    text = page.collect_attachment_text()[:MAX_TEXT_LENGTH]
    if text != page.attachment_text:
        ResourcePage.objects.filter(pk=page.pk).update(attachment_text=text)
        page.attachment_text = text
        from .listing import invalidate_facets

        invalidate_facets()  # counts of full-text queries may change
        # Keep Wagtail's own search index (database fallback, admin) in step.
        from wagtail.search.index import insert_or_update_object

        insert_or_update_object(page)
