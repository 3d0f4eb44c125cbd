"""A new member's first hour in Ukrainian with an English browser (real Chromium): sign up, confirm from
the e-mail, land on the Ukrainian next-step page, register an organisation and see it pending in the
account menu; on a phone too."""

import re

import pytest
from django.core import mail

from directory.factories import DirectoryIndexPageFactory
from directory.models import OrganisationPage
from directory.registration import ensure_registration_workflow
from tests.browser.test_journeys import _fill_registration

pytestmark = pytest.mark.browser

PASSWORD = "Kyiv-Warszawa-2026!"


def test_sign_up_confirm_next_step_register_pending_in_the_account_menu(
        browser, live_server, transactional_db, django_db_serialized_rollback, home_pages, assert_accessible):
    ensure_registration_workflow()
    DirectoryIndexPageFactory(parent=home_pages["pl"])
    context = browser.new_context(base_url=live_server.url, locale="en-US", extra_http_headers={"Accept-Language": "en-US,en"},
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/uk/")
    page.get_by_role("navigation", name="Обліковий запис").get_by_role("link", name="Зареєструватися").click()
    page.locator("input[name=email]").fill("olena@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("main input[name=accept_terms]").check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/uk/accounts/confirm-email/"))

    message = mail.outbox[-1]
    assert "Форуму «Разом»" in message.subject
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("main form button[type=submit]").click()

    # Confirming logs in and lands on the Ukrainian next step, whatever the browser's language.
    page.wait_for_url(re.compile(r"/uk/start/$"))
    assert page.locator("html").get_attribute("lang") == "uk"
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Зареєструйте свою організацію").click()
    page.wait_for_url(re.compile(r"/uk/organisations/register/$"))
    page.locator("input[name=title]").fill("Фонд Світлячок")
    _fill_registration(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/uk/organisations/mine/"))
    assert not OrganisationPage.objects.get(title="Фонд Світлячок").live

    # The account menu says the registration waits for the Secretariat, in Ukrainian.
    menu = page.locator("[data-account-menu]")
    menu.locator("> summary").click()
    entry = menu.get_by_role("link", name=re.compile("Фонд Світлячок"))
    entry.wait_for()
    assert "очіку" in entry.inner_text().lower() or "модерац" in entry.inner_text().lower(), entry.inner_text()
    assert_accessible(page)

    # On a phone the same menu is behind the menu button.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/uk/start/")
    page.locator("[data-site-menu] > summary").click()
    page.locator("[data-account-menu] > summary").click()
    assert menu.get_by_role("link", name=re.compile("Фонд Світлячок")).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
