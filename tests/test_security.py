"""Security headers and policies: CSP, HSTS and secure cookies, security.txt, CSRF, rate limits, 503."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from home.ratelimit import rate_limited

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy", "")
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("path", ["/pl/", "/uk/", "/en/accounts/login/", "/pl/no-such-page/"])
def test_public_pages_send_a_csp_without_inline_scripts(client, home_pages, path):
    response = client.get(path)
    directives = policy(response)
    assert directives, f"no Content-Security-Policy on {path}"
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_public_templates_have_no_inline_scripts_or_style_elements(client, home_pages):
    html = client.get("/pl/").content.decode()
    assert "<style" not in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">")[0] or 'type="application/json"' in tag.split(">")[0], tag[:80]


def test_admin_is_exempt_from_the_site_policy_and_still_works(client, user_factory):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response.headers
    admin = user_factory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


def test_security_txt(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines() if line)
    assert fields["Contact"].startswith("mailto:")
    assert fields["Expires"] > "2026-11-25"
    assert fields["Canonical"].endswith("/.well-known/security.txt")


PRODUCTION_SETTINGS = [
    "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SECURE_PROXY_SSL_HEADER", "DEBUG", "CONTENT_SECURITY_POLICY",
]


@pytest.fixture(scope="module")
def production_settings():
    """The production settings module's security values, loaded in a clean interpreter."""
    env = {key: value for key, value in os.environ.items() if key not in {"CI", "SECURE_SSL_REDIRECT"}}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="forum.example.org",
               REDIS_URL="redis://127.0.0.1:6379/0")
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_uses_secure_cookies_and_hsts(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_settings["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["script-src"] == ["'self'"]


def test_production_headers_on_https(client, settings, home_pages, production_settings, user_factory):
    """With production's values, an https response carries HSTS and a log-in sets only secure cookies."""
    for name in PRODUCTION_SETTINGS:
        if name not in {"DEBUG", "SECURE_PROXY_SSL_HEADER", "CONTENT_SECURITY_POLICY"}:
            setattr(settings, name, production_settings[name])
    settings.SECURE_PROXY_SSL_HEADER = tuple(production_settings["SECURE_PROXY_SSL_HEADER"])
    plain = client.get("/pl/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    response = client.get("/pl/", secure=True)
    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    user = user_factory()
    client.get("/pl/accounts/login/", secure=True)
    login = client.post(
        "/pl/accounts/login/", {"login": user.email, "password": "correct-horse-battery-staple"}, secure=True
    )
    assert login.status_code == 302
    for name in ("sessionid", "csrftoken"):
        assert client.cookies[name]["secure"], name
    assert client.cookies["sessionid"]["httponly"]


def test_forms_refuse_a_post_without_csrf_token(home_pages, user_factory):
    client = Client(enforce_csrf_checks=True)
    user = user_factory()
    response = client.post("/pl/accounts/login/", {"login": user.email, "password": "correct-horse-battery-staple"})
    assert response.status_code == 403
    response = client.post("/pl/accounts/signup/", {"email": "a@example.org", "password1": "x", "password2": "x"})
    assert response.status_code == 403


def test_rate_limited_view_answers_429_in_the_site_frame(home_pages):
    calls = []

    @rate_limited("2/m", group="test-form")
    def view(request):
        calls.append(request.method)
        return HttpResponse("ok")

    factory = RequestFactory()
    for _ in range(3):
        assert view(factory.get("/pl/form/")).status_code == 200  # showing the form is never limited
    assert [view(factory.post("/pl/form/")).status_code for _ in range(2)] == [200, 200]
    request = factory.post("/pl/form/")
    request.LANGUAGE_CODE = "pl"
    # LocaleMiddleware activates the path's language on a real request; RequestFactory has no
    # middleware, so without this the page follows whatever language an earlier test left active.
    with translation.override("pl"):
        limited = view(request)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    html = limited.content.decode()
    assert "<h1>Zbyt wiele prób</h1>" in html
    assert 'class="site-header"' in html  # the site frame, not a bare error
    assert calls == ["GET"] * 3 + ["POST"] * 2


def test_allauth_signup_limit_uses_the_same_429_page(client, home_pages, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    data = {"email": "not-an-address", "password1": "x", "password2": "y"}
    statuses = [client.post("/en/accounts/signup/", data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()


def test_repeated_failed_logins_are_refused_with_a_clear_message(client, home_pages, user_factory):
    user = user_factory()
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "correct-horse-battery-staple"})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many" in response.content.decode()


def test_database_unavailable_gives_a_clear_503_page(home_pages, monkeypatch):
    client = Client(raise_request_exception=False)

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    response = client.get("/pl/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Serwis jest chwilowo niedostępny" in html and "The service is temporarily unavailable" in html
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "down"


def test_a_programming_error_stays_a_500(home_pages, monkeypatch):
    from django.db import ProgrammingError

    client = Client(raise_request_exception=False)

    def broken_cursor(*args, **kwargs):
        raise ProgrammingError("relation does not exist")

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    assert client.get("/pl/").status_code == 500
