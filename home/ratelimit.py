"""Rate limits for public write forms: django-ratelimit, answered by a friendly 429 page.

Use on any view that accepts a form from the public (contact, registration,
subscription…):

    from home.ratelimit import rate_limited

    @rate_limited("5/m")                      # per client IP, POSTs only
    def subscribe(request): ...

    @method_decorator(rate_limited("10/h", key="user_or_ip"), name="dispatch")
    class RegisterOrganisationView(FormView): ...

Over the rate the view is not called; the person sees `429.html` in the site frame
(status 429, Retry-After). Limits count in the default cache (Redis in production, so
all processes share them). allauth's own limits (ACCOUNT_RATE_LIMITS: log-in, sign-up,
password reset) answer with the same page through `cms.urls.handler429`. The plain
`django_ratelimit.decorators.ratelimit(block=True)` works too: RatelimitMiddleware turns
its exception into this page (RATELIMIT_VIEW).
"""

from functools import wraps

from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

UNSAFE = ratelimit.UNSAFE
RETRY_AFTER_SECONDS = 60


def too_many_requests(request, exception=None):
    """The 429 page in the site frame, in the request's language."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def rate_limited(rate, key="ip", group=None, method=UNSAFE):
    """Decorate a view: over `rate` ("5/m", "20/h"…) per `key`, answer 429 instead of calling it.

    `key` is any django-ratelimit key ("ip", "user", "user_or_ip", "post:email", a callable);
    `method` the HTTP methods that count (by default the unsafe ones: POST, PUT, PATCH, DELETE),
    so showing the form is never limited. Views sharing a `group` share one counter.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if is_ratelimited(request, group=group, fn=view, key=key, rate=rate, method=method, increment=True):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
