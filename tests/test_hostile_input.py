"""Hostile input: stored as given or refused with a clear message, always rendered escaped, never a 500.

Extend HOSTILE_FORMS / HOSTILE_QUERY_PAGES as user-writable forms and listings land.
"""

import pytest
from django.test import Client

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
PAYLOADS = {
    "script": SCRIPT,
    "onerror": '"><img src=x onerror=alert(1)>',
    "rtl-override": "admin\u202egnp.exe",
    "formula": "=cmd|' /C calc'!A0",
    "long": "Ż" * 10_000,
    "nul": "abc\x00def",
}
# Markup that must never reach a page unescaped.
RAW_MARKUP = ("<script>alert(", "<img src=x onerror")

# Pages whose search or filter query strings reach a template or a query.
HOSTILE_QUERY_PAGES = ["/pl/", "/en/accounts/login/", "/uk/accounts/signup/"]


def assert_safe(response, where):
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        for markup in RAW_MARKUP:
            assert markup not in html, f"{where}: unescaped {markup!r}"


@pytest.fixture
def client_no_raise():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("name", PAYLOADS)
@pytest.mark.parametrize("path", HOSTILE_QUERY_PAGES)
def test_query_strings(client_no_raise, home_pages, path, name):
    value = PAYLOADS[name]
    response = client_no_raise.get(path, {"q": value, "page": value, "sector": value, "next": value})
    assert_safe(response, f"GET {path} {name}")


@pytest.mark.parametrize("name", PAYLOADS)
def test_sign_up_refuses_or_escapes(client_no_raise, home_pages, name):
    value = PAYLOADS[name]
    response = client_no_raise.post(
        "/pl/accounts/signup/",
        {"email": value, "password1": value, "password2": value, "accept_terms": "on"},
    )
    assert_safe(response, f"sign-up {name}")
    # Never a valid address: refused with a message naming the field, nothing created.
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_log_in_refuses_or_escapes(client_no_raise, home_pages, user_factory, name):
    value = PAYLOADS[name]
    response = client_no_raise.post("/en/accounts/login/", {"login": value, "password": value})
    assert_safe(response, f"log-in {name}")
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert "_auth_user_id" not in client_no_raise.session


def test_a_stored_hostile_page_title_is_rendered_escaped(client, home_pages):
    page = StandardPageFactory(parent=home_pages["pl"], slug="wrogi", title=SCRIPT + PAYLOADS["rtl-override"],
                               introduction=PAYLOADS["onerror"], show_in_menus=True)
    response = client.get(page.url)
    assert_safe(response, "stored page")
    html = response.content.decode()
    assert "&lt;script&gt;alert(" in html
    assert "\u202e" in html  # stored as given (escaped markup, the text itself intact)
