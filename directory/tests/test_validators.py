import pytest
from django.core.exceptions import ValidationError

from directory.factories import make_nip
from directory.validators import nip_is_valid, normalise_number, validate_krs, validate_nip, validate_web_url


@pytest.mark.parametrize("nip", ["5260250274", "7251801126", "1132853869"])
def test_known_valid_nips(nip):
    assert nip_is_valid(nip)
    validate_nip(nip)


@pytest.mark.parametrize("nip", ["5260250275", "123456789", "12345678901", "52602502a4", "١٢٣٤٥٦٧٨٩٠"])
def test_bad_nips_are_rejected(nip):
    assert not nip_is_valid(nip)
    with pytest.raises(ValidationError):
        validate_nip(nip)


def test_generated_nips_are_valid():
    assert all(nip_is_valid(make_nip(n)) for n in range(200))


def test_krs_and_normalising():
    validate_krs("0000123456")
    with pytest.raises(ValidationError):
        validate_krs("12345")
    assert normalise_number("526-025-02 74") == "5260250274"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org", "data:text/html,x"])
def test_only_web_links(url):
    with pytest.raises(ValidationError):
        validate_web_url(url)
