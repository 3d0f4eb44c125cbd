"""Ask signed-in people to accept a new version of the terms or the privacy policy."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.log_actions import LogContext

from .consent import current_versions, missing_acceptances

# Paths that must stay reachable before acceptance (the acceptance page itself, log-out, admin, assets).
EXEMPT_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/api/", "/healthz", "/i18n/")
EXEMPT_SEGMENTS = ("/accounts/", "/privacy/accept/")
SESSION_KEY = "accounts:accepted-versions"


class LegalAcceptanceMiddleware:
    """Redirect a signed-in person to the acceptance page while a current version is unaccepted.

    The versions last found accepted are kept in the session, so a page view
    costs no query until an editor publishes a new version.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_acceptance(request):
            url = reverse("accounts:accept_terms")
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _needs_acceptance(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.method != "GET":
            return False
        path = request.path
        if path.startswith(EXEMPT_PREFIXES) or any(segment in path for segment in EXEMPT_SEGMENTS):
            return False
        versions = current_versions()
        if request.session.get(SESSION_KEY) == versions:
            return False
        if missing_acceptances(user):
            return True
        request.session[SESSION_KEY] = versions
        return False


class AuditContextMiddleware:
    """Audit entries written while a signed-in person's request runs name them as the actor.

    Wagtail's admin views do this for themselves; this covers the public site (joining a group,
    accepting an invitation, withdrawing a consent), where entries recorded from model signals
    would otherwise say "system".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            with LogContext(user=user):
                return self.get_response(request)
        return self.get_response(request)
