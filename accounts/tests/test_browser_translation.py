"""Translate -> edit -> publish in real Chromium, the admin in Polish, as a Secretariat-only person:
the Ukrainian copy stays a draft (404 for readers) until it is translated and published."""

import os

import pytest
from django.urls import reverse

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from home.factories import StandardPageFactory
from tests.browser.test_journeys import footer_action

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BROWSER_SCREENSHOTS")  # a folder: keep a screenshot of each step to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"translation-{name}.png"), full_page=True)


def test_translate_edit_publish(browser_page, log_in, home_pages, locales, user_factory):
    from django.contrib.auth.models import Group

    source = StandardPageFactory(parent=home_pages["pl"], title="Zasady współpracy", slug="zasady-wspolpracy",
                                 introduction="Wspólne zasady Forum.")
    secretary = user_factory(email="sekretariat@example.org", language="pl")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])

    page = browser_page
    log_in(page, secretary)
    page.goto(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    page.get_by_role("button", name="Akcje").click()  # the page header's "…" menu
    translate = page.locator(f"a[href^='{submit_url}']").first
    shot(page, "1-menu")
    assert "Przetłumacz" in translate.inner_text()
    translate.click()
    page.wait_for_load_state()
    shot(page, "2-submit")
    page.get_by_label("Українська").check()
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    page.wait_for_load_state()
    shot(page, "3-editor")
    uk = source.get_translation(locales["uk"])
    assert not uk.live  # a draft: readers never get the Polish text under /uk/
    assert page.request.get("/uk/zasady-wspolpracy/").status == 404

    # Translate the title and the introduction in wagtail-localize's editor, then publish.
    for text in ("Правила співпраці", "Спільні правила Форуму."):
        page.get_by_role("button", name="Tłumacz").first.click()
        page.locator("textarea").first.fill(text)
        shot(page, "4-segment")
        page.get_by_role("button", name="Zapisz").first.click()
        page.get_by_text(text).first.wait_for()
    shot(page, "5-translated")
    with page.expect_navigation():
        page.get_by_role("button", name="Opublikuj wУкраїнська").click()
    page.wait_for_load_state()
    shot(page, "6-published")
    uk.refresh_from_db()
    assert uk.live and uk.title == "Правила співпраці" and uk.specific.introduction == "Спільні правила Форуму."
    response = page.request.get("/uk/zasady-wspolpracy/")
    assert response.status == 200 and "Правила співпраці" in response.text()
    en = source.get_translation_or_none(locales["en"])
    assert en is None or not en.live
