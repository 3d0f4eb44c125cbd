"""Per-client search rates, one counter for the API and the search page.

Every search costs Elasticsearch work, so each client (signed-in user, else IP address) may run
`DEFAULT_RATES` searches a minute (`settings.SEARCH_API_RATES` overrides them). The API applies the
throttles through DRF (`throttle_classes`); the HTML page asks `seconds_to_wait` before searching.
Both count in the same cache entries, so a client cannot double its budget by switching between them.
"""

import math

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_ip

DEFAULT_RATES = {"search": "60/min", "autocomplete": "300/min"}


class SearchRateThrottle(SimpleRateThrottle):
    """Per-client rate of one search endpoint: each request costs Elasticsearch work."""

    scope = "search"

    def get_rate(self):
        return getattr(settings, "SEARCH_API_RATES", {}).get(self.scope, DEFAULT_RATES[self.scope])

    def get_ident(self, request):
        """The client's address by the project's one rule (core.client_ip), never a forged X-Forwarded-For."""
        return client_ip(request)

    def get_cache_key(self, request, view):
        ident = f"user-{request.user.pk}" if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AutocompleteRateThrottle(SearchRateThrottle):
    scope = "autocomplete"  # one request per pause in typing: a higher rate


def seconds_to_wait(request, throttle_class=SearchRateThrottle):
    """Count this request against the client's rate (a plain Django request is enough).

    Returns None when it is within the rate, else the whole seconds until the next one is allowed
    (at least 1, the value for Retry-After).
    """
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
