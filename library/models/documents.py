"""Text extracted from documents, stored so that search finds words inside files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class DocumentText(models.Model):
    """The text inside one Wagtail document and whether it could be extracted.

    Filled by the background task `library.tasks.extract_document_text`. A document
    whose text cannot be read (scanned PDF, damaged file) is flagged for editors
    (status `failed` or `empty`), never an error for the reader.
    """

    PENDING = "pending"
    DONE = "done"
    EMPTY = "empty"
    FAILED = "failed"
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    TOO_SLOW = "too_slow"
    STATUSES = [
        (PENDING, _("Waiting for extraction")),
        (DONE, _("Text extracted")),
        (EMPTY, _("No text found (scanned?)")),
        (FAILED, _("Damaged or unreadable file")),
        (UNSUPPORTED, _("Format without text extraction")),
        (TOO_LARGE, _("Too large to read (memory limit)")),
        (TOO_SLOW, _("Too slow to read (time limit)")),
    ]
    # Over the extraction budget (library.extraction): never read again automatically.
    OVER_LIMIT = (TOO_LARGE, TOO_SLOW)
    NEEDS_ATTENTION = (EMPTY, FAILED, TOO_LARGE, TOO_SLOW)

    document = models.OneToOneField(
        get_document_model_string(), verbose_name=_("document"), on_delete=models.CASCADE, related_name="extracted"
    )
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=PENDING, db_index=True)
    text = models.TextField(_("extracted text"), blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    file_hash = models.CharField(_("file hash"), max_length=40, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("text of a document")
        verbose_name_plural = _("texts of documents")

    def __str__(self):
        return f"{self.document} ({self.get_status_display()})"

    @property
    def needs_attention(self):
        """True when editors should look at the file (nothing could be read from it)."""
        return self.status in self.NEEDS_ATTENTION


# Keep the limit readable in one place: very long texts are cut so one huge report
# cannot bloat the page table or the search index.
MAX_TEXT_LENGTH = getattr(settings, "LIBRARY_MAX_EXTRACTED_CHARS", 1_000_000)
