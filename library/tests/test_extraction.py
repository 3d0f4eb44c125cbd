"""Text is extracted from PDF, DOCX, ODT and PPTX in the background; unreadable files are flagged."""

import pytest

from library.demo_files import docx_bytes, odt_bytes, pdf_bytes, pptx_bytes, xlsx_bytes
from library.factories import document
from library.models import DocumentText, ResourcePage
from library.tasks import extract_document_text

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name,make", [
    ("a.pdf", lambda lines: pdf_bytes(lines, pages=2)),
    ("a.docx", docx_bytes),
    ("a.odt", odt_bytes),
    ("a.pptx", pptx_bytes),
])
def test_text_is_extracted_from_each_format(django_capture_on_commit_callbacks, name, make):
    with django_capture_on_commit_callbacks(execute=True):
        doc = document(name, make(["Mieszkalnictwo wspomagane", "Підтримане житло"]))
    record = DocumentText.objects.get(document=doc)
    assert record.status == DocumentText.DONE
    assert "Mieszkalnictwo wspomagane" in record.text
    assert "Підтримане житло" in record.text
    assert record.pages >= 1


def test_image_only_or_damaged_files_are_flagged(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        empty = document("skan.pdf", pdf_bytes([]))
        damaged = document("zepsuty.docx", b"PK\x03\x04" + b"\x00" * 100)
        sheet = document("dane.xlsx", xlsx_bytes([["a", 1]]))
    assert DocumentText.objects.get(document=empty).status == DocumentText.EMPTY
    broken = DocumentText.objects.get(document=damaged)
    assert broken.status == DocumentText.FAILED and broken.error
    assert DocumentText.objects.get(document=sheet).status == DocumentText.UNSUPPORTED
    flagged = DocumentText.objects.filter(status__in=DocumentText.NEEDS_ATTENTION)
    assert set(flagged.values_list("document_id", flat=True)) == {empty.pk, damaged.pk}


def test_resource_stores_the_text_of_its_attachments(django_capture_on_commit_callbacks, library):
    page = make_resource(library, "Poradnik")
    with django_capture_on_commit_callbacks(execute=True):
        doc = document("poradnik.pdf", pdf_bytes(["Umowa najmu okazjonalnego"]))
    page.attachments.create(document=doc)
    page.save_revision().publish()
    page.refresh_from_db()
    assert "Umowa najmu okazjonalnego" in page.attachment_text
    # An editor typing the text of a scanned file updates the resource too.
    record = doc.extracted
    record.text = "Tekst przepisany przez redakcję"
    record.save()
    assert ResourcePage.objects.get(pk=page.pk).attachment_text == "Tekst przepisany przez redakcję"


def test_extraction_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = document("a.pdf", pdf_bytes(["Raz"]))
    first = DocumentText.objects.get(document=doc).extracted_at
    extract_document_text(doc.pk)
    assert DocumentText.objects.get(document=doc).extracted_at == first
    assert DocumentText.objects.count() == 1


def test_admin_lists_flagged_files(client, user_factory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document("skan.pdf", pdf_bytes([]), title="Skan bez tekstu")
        document("ok.pdf", pdf_bytes(["Tekst"]), title="Dobry plik")
    client.force_login(user_factory(is_superuser=True, is_staff=True))
    response = client.get("/admin/snippets/library/documenttext/", {"needs_attention": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skan bez tekstu" in html and "Dobry plik" not in html
