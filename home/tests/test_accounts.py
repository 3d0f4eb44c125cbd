"""Members' accounts on the public site: sign-up with verification, log-in, reset, rate limits."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from home.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _link(message, marker):
    return re.search(rf"https?://testserver(/\S*{marker}\S*)", message.body).group(1)


def test_signup_confirm_and_login(client, home_page):
    response = client.post(
        "/pl/accounts/signup/",
        {"email": "anna@example.org", "password1": "Ukraina-Polska-2026!", "password2": "Ukraina-Polska-2026!",
         "accept_terms": "on"},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    # Unverified: logging in is refused until the address is confirmed.
    client.logout()
    client.post("/pl/accounts/login/", {"login": "anna@example.org", "password": "Ukraina-Polska-2026!"})
    assert "_auth_user_id" not in client.session

    confirm_url = _link(mail.outbox[0], "confirm-email")
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    client.logout()
    response = client.post("/pl/accounts/login/", {"login": "anna@example.org", "password": "Ukraina-Polska-2026!"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_signup_rejects_bad_input_with_clear_errors(client, home_page):
    response = client.post("/en/accounts/signup/", {"email": "not-an-email", "password1": "x", "password2": "y"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_login_and_logout(client, user_factory):
    user = user_factory()
    response = client.post("/pl/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.post("/pl/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset(client, user_factory):
    user = user_factory()
    client.post("/en/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = _link(mail.outbox[0], "password/reset/key")
    form_url = client.get(reset_url).url  # allauth moves the key into the session first
    response = client.post(form_url, {"password1": "Nowe-Haslo-2026!", "password2": "Nowe-Haslo-2026!"})
    assert response.status_code == 302
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "Nowe-Haslo-2026!"})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_attempts_are_rate_limited(client, user_factory):
    user = user_factory()
    for _ in range(5):
        response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
