"""The rule for addresses accepted as subscribers.

An address is accepted when all of these hold, and refused with a message naming the
broken one otherwise:
1. it is a syntactically valid address for Django's EmailValidator and at most 254 characters;
2. its domain is a host name with a dot and an alphabetic top-level domain (no IP literals,
   no "localhost");
3. neither its domain nor any parent domain is on the disposable-address blocklist of the
   `disposable-email-domains` package (about 10,000 throw-away inbox services such as
   mailinator.com or 10minutemail.com), minus that package's allowlist.
Plus-addressing (name+tag@example.org) is accepted: it is how careful people filter mail.
"""

import re

from disposable_email_domains import allowlist, blocklist
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

TLD = re.compile(r"^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$")


def domain_of(address):
    return address.rsplit("@", 1)[-1].strip().lower().rstrip(".")


def is_disposable(domain):
    """True when `domain` or one of its parent domains is a known disposable-inbox service."""
    parts = domain.split(".")
    for start in range(len(parts) - 1):
        candidate = ".".join(parts[start:])
        if candidate in allowlist:
            return False
        if candidate in blocklist:
            return True
    return False


def validate_subscriber_email(value):
    """Apply the rule above to `value`; raises ValidationError with a clear reason."""
    value = (value or "").strip()
    if len(value) > 254:
        raise ValidationError(_("An e-mail address has at most 254 characters."), code="too_long")
    EmailValidator(message=_("Enter a valid e-mail address, such as name@example.org."))(value)
    domain = domain_of(value)
    if domain.startswith("[") or "." not in domain or not TLD.match(domain.rsplit(".", 1)[-1]):
        raise ValidationError(
            _("The address must end with an Internet domain name, such as example.org."), code="bad_domain"
        )
    if is_disposable(domain):
        raise ValidationError(
            _("Addresses of disposable-inbox services (%(domain)s) are not accepted: please use an address you keep."),
            code="disposable", params={"domain": domain},
        )
