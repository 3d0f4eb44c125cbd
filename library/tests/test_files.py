"""Uploads are checked by content: allowed types, matching names, size limit; in the admin too."""

import pytest
from django.utils import translation
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import validate_document_file
from library.demo_files import docx_bytes, odt_bytes, pdf_bytes, pptx_bytes, xlsx_bytes

@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


def _jpeg():
    # A real image: an image upload is also opened (header only) to count its pixels.
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("name,content,kind", [
    ("a.pdf", lambda: pdf_bytes(["Tekst"]), "pdf"),
    ("a.docx", lambda: docx_bytes(["Tekst"]), "docx"),
    ("a.pptx", lambda: pptx_bytes(["Tekst"]), "pptx"),
    ("a.odt", lambda: odt_bytes(["Tekst"]), "odt"),
    ("a.xlsx", lambda: xlsx_bytes([["a", 1]]), "xlsx"),
    ("a.png", lambda: PNG, "png"),
    ("a.JPEG", lambda: _jpeg(), "jpg"),
])
def test_allowed_types_are_recognised_by_content(name, content, kind):
    assert validate_document_file(SimpleUploadedFile(name, content())) == kind


def test_fake_pdf_is_rejected_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_document_file(SimpleUploadedFile("raport.pdf", b"MZ\x90\x00 this is really a program"))
    message = error.value.messages[0]
    assert "raport.pdf" in message and "not a PDF file" in message


def test_renamed_file_and_unknown_type_are_rejected():
    with pytest.raises(ValidationError, match="contains a PNG file"):
        validate_document_file(SimpleUploadedFile("obraz.pdf", PNG))
    with pytest.raises(ValidationError, match="not of an accepted type"):
        validate_document_file(SimpleUploadedFile("skrypt.sh", b"#!/bin/sh\nrm -rf /\n"))
    with pytest.raises(ValidationError, match="contains a Word"):
        validate_document_file(SimpleUploadedFile("plik.odt", docx_bytes(["x"])))


def test_size_limit_comes_from_settings(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError, match="too large"):
        validate_document_file(SimpleUploadedFile("a.pdf", pdf_bytes(["x" * 50], pages=3)))


@pytest.mark.django_db
def test_admin_document_upload_rejects_a_fake_pdf(client, user_factory):
    from wagtail.documents import get_document_model

    admin = user_factory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post("/admin/documents/add/", {
        "title": "Fałszywy", "file": SimpleUploadedFile("fake.pdf", b"not a pdf at all"), "collection": 1,
    })
    assert response.status_code == 200
    assert "nie jest plikiem PDF" in response.content.decode()  # the admin speaks the site's language
    assert not get_document_model().objects.exists()
    response = client.post("/admin/documents/add/", {
        "title": "Prawdziwy", "file": SimpleUploadedFile("real.pdf", pdf_bytes(["Prawdziwy"])), "collection": 1,
    })
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Prawdziwy").exists()
