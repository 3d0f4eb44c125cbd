"""Organisation logos and the organisation import take files through the one upload check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import OrganisationPage
from library.hostile_files import png_bomb, zip_bomb_odt

from .test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrant(user_factory):
    return user_factory(email="rejestracja@example.org")


def test_logo_with_too_many_pixels_is_refused(client, directory, registrant):
    client.force_login(registrant)
    # 81 Mpx in 14 KB: under Pillow's and Wagtail's default limits, ~330 MB once decoded.
    bomb = SimpleUploadedFile("logo.png", png_bomb(9000, 9000), content_type="image/png")
    response = client.post(reverse("directory:register"), {**form_data(), "logo_file": bomb})
    assert response.status_code == 200 and "logo_file" in response.context["form"].errors
    assert not OrganisationPage.objects.exists()


@pytest.mark.parametrize("name, content", [
    ("orgs.csv", b"name,nip\nFundacja\x00,123\n"),  # NUL bytes: not text
    ("orgs.csv", zip_bomb_odt(16 * 1024 * 1024)),  # an archive renamed to .csv
    ("orgs.exe", b"name,nip\nFundacja,123\n"),
])
def test_import_refuses_files_that_are_not_csv(client, directory, secretariat_user, name, content):
    client.force_login(secretariat_user)
    response = client.post(reverse("directory_import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not OrganisationPage.objects.exists()
