"""Factories for the library's pages and documents (tests, bench)."""

import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile

from .models import LibraryIndexPage, ResourcePage


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LibraryIndexPage

    title = "Biblioteka wiedzy"
    slug = "biblioteka"


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Faker("sentence", nb_words=5, locale="pl_PL")
    summary = factory.Faker("paragraph", locale="pl_PL")
    resource_type = "guide"
    publication_date = datetime.date(2026, 1, 15)


def make_pdf(*lines, pages=1):
    """A small real PDF (fpdf2) with the given lines of text on each page; DejaVu for Polish/Ukrainian."""
    from .demo_files import pdf_bytes

    return pdf_bytes(lines, pages=pages)


def document(name="file.pdf", content=None, title=None):
    """A saved Wagtail document with `content` (a small real PDF by default)."""
    from wagtail.documents import get_document_model

    content = make_pdf("Przykładowy dokument") if content is None else content
    doc = get_document_model()(title=title or name)
    doc.file.save(name, ContentFile(content), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc
