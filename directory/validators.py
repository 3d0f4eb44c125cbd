"""Validators of Polish registry numbers and public links."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def nip_is_valid(value):
    """True when `value` is 10 digits whose last one is the NIP checksum."""
    if not (isinstance(value, str) and len(value) == 10 and value.isascii() and value.isdigit()):
        return False
    checksum = sum(int(digit) * weight for digit, weight in zip(value, NIP_WEIGHTS)) % 11
    return checksum != 10 and checksum == int(value[9])


def make_nip(n):
    """The n-th valid NIP of a deterministic sequence (demo content, tests, benchmarks).

    Here rather than in factories.py so that the demo content needs no test packages."""
    base = 100_000_000 + n * 7
    while True:
        digits = f"{base:09d}"
        checksum = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS)) % 11
        if checksum != 10:
            return digits + str(checksum)
        base += 1


def normalise_number(value):
    """Drop the spaces and dashes people type inside NIP and KRS numbers."""
    return "".join(ch for ch in (value or "") if ch not in " -\u00a0").strip()


def validate_nip(value):
    """A NIP is 10 digits with a valid checksum."""
    if not (len(value) == 10 and value.isascii() and value.isdigit()):
        raise ValidationError(_("A NIP has exactly 10 digits."), code="nip_format")
    if not nip_is_valid(value):
        raise ValidationError(_("This NIP's checksum is not valid."), code="nip_checksum")


def validate_krs(value):
    """A KRS number is 10 digits."""
    if not (len(value) == 10 and value.isascii() and value.isdigit()):
        raise ValidationError(_("A KRS number has exactly 10 digits."), code="krs_format")


# Only web links: `javascript:` and friends are refused.
validate_web_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://."))
