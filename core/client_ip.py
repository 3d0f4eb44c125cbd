"""The client's address, derived in ONE place from the number of trusted proxies.

Behind nginx (deploy/nginx.conf) the connecting address is the proxy's: counting limits on it
makes every visitor one client (one attacker locks everyone out of logging in). Trusting
X-Forwarded-For blindly lets a client send any address and escape every limit. The right
answer is the address the first trusted proxy saw: the entry `TRUSTED_PROXIES` from the right
of X-Forwarded-For (each proxy appends the address it received the request from); with no
trusted proxy (the embedded default, `make run`), the connecting address.

Used by django-ratelimit (RATELIMIT_IP_META_KEY), allauth (accounts.adapter.get_client_ip) and
the search throttles (search.limits); DRF's own NUM_PROXIES is set to the same number.
"""

import ipaddress

from django.conf import settings


def _address(value):
    """`value` as a normalised IP address, else None (a proxy never forwards anything else)."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address of `request` (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            # Fewer entries than trusted proxies: the leftmost one was still written by a proxy of ours.
            address = _address(forwarded[-min(proxies, len(forwarded))])
            if address:
                return address
    return _address(remote) or remote or "0.0.0.0"
