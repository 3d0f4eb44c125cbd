"""A person signs up, confirms the e-mail from the message, logs out and logs in again (real Chromium)."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.browser

PASSWORD = "Trudne-haslo-2026!"


def test_sign_up_confirm_log_in_log_out(browser_page, assert_accessible, live_server):
    page = browser_page
    page.goto("/pl/")
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Załóż konto").click()
    assert_accessible(page)
    page.get_by_label(re.compile("e-?mail", re.I)).fill("olena@example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill(PASSWORD)
    for consent in page.locator("main input[type=checkbox][required]").all():
        consent.check()  # terms and privacy policy (accounts' consent records)
    page.get_by_role("main").get_by_role("button", name="Zarejestruj się").click()
    assert_accessible(page)  # "verify your e-mail" page

    # The confirmation link comes in the e-mail, in the language the person signed up in.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"]
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Potwierdź").click()
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: confirmed and logged in.
    logout = page.get_by_role("navigation", name="Konto").get_by_role("button", name="Wyloguj się")
    logout.wait_for()
    logout.click()
    page.wait_for_load_state()
    if page.get_by_role("main").get_by_role("button", name="Wyloguj się").count():
        page.get_by_role("main").get_by_role("button", name="Wyloguj się").click()
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Zaloguj się").click()
    assert_accessible(page)
    page.get_by_label(re.compile("e-?mail", re.I)).fill("olena@example.org")
    page.get_by_label(re.compile(r"^Hasło:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Zaloguj", exact=True).click()
    page.get_by_role("navigation", name="Konto").get_by_role("button", name="Wyloguj się").wait_for()
