"""Member updates take files through the one upload check: zip bombs and pixel bombs are refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.models import OrganisationUpdate
from library.hostile_files import png_bomb, zip_bomb_odt

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(member_factory):
    return member_factory(first_name="Iryna", last_name="Autorka", language="uk")


def _post(client, organisation, **files):
    return client.post(reverse("community:new_update"), {
        "organisation": organisation.pk, "kind": OrganisationUpdate.Kind.ACTIVITY, "text": "Prowadzimy kursy",
        "language": "pl", "image_alt": "opis", **files,
    })


def test_update_with_a_zip_bomb_document_is_refused(client, author, organisation):
    client.force_login(author)
    response = _post(client, organisation, document=SimpleUploadedFile("plan.odt", zip_bomb_odt(32 * 1024 * 1024)))
    assert response.status_code == 400 and "unpack to too much data" in response.content.decode()
    assert not OrganisationUpdate.objects.exists()


def test_update_with_a_pixel_bomb_image_is_refused(client, author, organisation):
    client.force_login(author)
    # 81 Mpx in 14 KB: ~330 MB once decoded; the limit is UPLOAD_MAX_IMAGE_PIXELS (40 Mpx).
    response = _post(client, organisation, image=SimpleUploadedFile("foto.png", png_bomb(9000, 9000)))
    assert response.status_code == 400 and "too many pixels" in response.content.decode()
    assert not OrganisationUpdate.objects.exists()
