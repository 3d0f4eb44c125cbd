"""The one validation path of uploads (core.uploads.check_upload) against hostile files made here.

Zip bombs in the shape of an ODT/DOCX, images whose pixels decode to gigabytes and hostile
file names are refused with a clear message on the library proposal form, in the Wagtail
admin (documents and images) and by the function itself, reading only bounded amounts.
"""

import base64
import io
import os
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.uploads import (
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    check_upload,
    clean_filename,
    max_image_pixels,
    validate_document_file,
)
from library.demo_files import odt_bytes, pdf_bytes
from library.hostile_files import png_bomb, zip_bomb_odt
from library.models import ResourcePage


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def bomb():
    """An ODT whose `mimetype` entry unpacks to 64 MiB (about 60 KB on disk)."""
    return zip_bomb_odt(64 * 1024 * 1024)


def test_zip_bomb_is_refused_reading_only_bounded_amounts(bomb):
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as error:
            validate_document_file(SimpleUploadedFile("raport.odt", bomb))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.value.code == "zip_bomb"
    assert "raport.odt" in error.value.messages[0] and "unpack to too much data" in error.value.messages[0]
    assert peak < 4 * 1024 * 1024  # the 64 MiB entry is never read into memory


def test_archive_over_the_total_size_is_refused_even_when_it_compresses_badly(settings):
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED = 1024 * 1024
    noise = base64.b64encode(os.urandom(1024 * 1024)).decode()  # ~1.3 MB, hardly compressible
    buffer = io.BytesIO(odt_bytes(["Tekst"]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Pictures/noise.txt", noise)
    with pytest.raises(ValidationError, match="unpack to too much data"):
        validate_document_file(SimpleUploadedFile("raport.odt", buffer.getvalue()))
    settings.UPLOAD_ZIP_MAX_UNCOMPRESSED = 10 * 1024 * 1024
    assert validate_document_file(SimpleUploadedFile("raport.odt", buffer.getvalue())) == "odt"


def test_image_with_too_many_pixels_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000
    with pytest.raises(ValidationError, match="too many pixels; the limit is 1 megapixels"):
        check_upload(SimpleUploadedFile("zdjecie.png", png_bomb(2000, 1000)), IMAGE_TYPES)
    assert check_upload(SimpleUploadedFile("zdjecie.png", png_bomb(1000, 1000)), IMAGE_TYPES) == "png"


def test_pillow_refuses_to_decode_above_the_same_limit():
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS * 2 == max_image_pixels() == 40_000_000
    with pytest.raises(Image.DecompressionBombError), Image.open(io.BytesIO(png_bomb(9000, 9000))):
        pass


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\a\\raport.pdf", "raport.pdf"),
    ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),
    ("zdjęcie szkoły.pdf", "zdjęcie_szkoły.pdf"),
    ("довідка.pdf", "довідка.pdf"),
    ("a\x00b\r\n.pdf", "ab.pdf"),
    ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ("..", "file"),
])
def test_file_names_are_cleaned(name, expected):
    assert clean_filename(name) == expected
    if expected.endswith(".pdf"):  # Django itself refuses to name an upload ".."
        upload = SimpleUploadedFile("placeholder.pdf", pdf_bytes(["x"]))
        upload.name = name
        check_upload(upload, DOCUMENT_TYPES)
        assert upload.name == expected


@pytest.mark.django_db
def test_proposal_with_a_zip_bomb_is_refused_and_nothing_saved(client, library, user_factory, bomb):
    client.force_login(user_factory())
    response = client.post(library.url + "propose/", {
        "title": "Poradnik", "resource_type": "guide", "summary": "Opis",
        "files": [SimpleUploadedFile("poradnik.odt", bomb)],
    })
    assert response.status_code == 400
    assert "poradnik.odt" in response.content.decode() and "rozpakowaniu" in response.content.decode()
    assert not ResourcePage.objects.exists()


@pytest.mark.django_db
def test_proposal_file_names_are_cleaned(client, library, user_factory, django_capture_on_commit_callbacks):
    from wagtail.documents import get_document_model

    client.force_login(user_factory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(library.url + "propose/", {
            "title": "Poradnik", "resource_type": "guide", "summary": "Opis",
            "files": [SimpleUploadedFile("poradnik\u202efdp.exe.pdf", pdf_bytes(["Kaucja"]))],
        })
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert "\u202e" not in document.title and "\u202e" not in document.file.name
    assert document.title == "poradnikfdp.exe.pdf"


@pytest.mark.django_db
def test_admin_document_upload_refuses_a_zip_bomb(client, user_factory, bomb):
    from wagtail.documents import get_document_model

    client.force_login(user_factory(is_superuser=True, is_staff=True))
    response = client.post("/admin/documents/add/", {
        "title": "Bomba", "file": SimpleUploadedFile("bomba.odt", bomb), "collection": 1,
    })
    assert response.status_code == 200 and "bomba.odt" in response.content.decode()
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_admin_image_upload_refuses_a_pixel_bomb_and_a_renamed_file(client, user_factory):
    from wagtail.images import get_image_model

    client.force_login(user_factory(is_superuser=True, is_staff=True))
    # 81 Mpx: below Pillow's default limit (89 Mpx) and Wagtail's (128 Mpx), ~330 MB once decoded.
    response = client.post("/admin/images/add/", {
        "title": "Bomba", "file": SimpleUploadedFile("bomba.png", png_bomb(9000, 9000)), "collection": 1,
    })
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    response = client.post("/admin/images/add/", {
        "title": "Obraz", "file": SimpleUploadedFile("obraz.jpg", png_bomb(10, 10)), "collection": 1,
    })
    assert response.status_code == 200 and not get_image_model().objects.exists()
    response = client.post("/admin/images/add/", {
        "title": "Obraz", "file": SimpleUploadedFile("obraz\u202e.png", png_bomb(10, 10)), "collection": 1,
    })
    assert response.status_code == 302
    assert "\u202e" not in get_image_model().objects.get().file.name
