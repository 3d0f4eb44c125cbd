"""The site's Content-Security-Policy leaves the Wagtail userbar and the admin working (real Chromium)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_editor_sees_a_working_userbar_and_admin_under_the_policy(browser_page, log_in, user_factory, home_pages):
    editor = user_factory(is_superuser=True, is_staff=True)
    page = browser_page
    log_in(page, editor)
    response = page.goto("/pl/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The userbar is a web component: its trigger lives in the shadow DOM, which Playwright pierces.
    trigger = page.locator("wagtail-userbar [data-wagtail-userbar-trigger]")
    trigger.click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    # browser_page fails the test on any CSP refusal or JavaScript error on these pages.
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.goto(f"/admin/pages/{home_pages['pl'].pk}/edit/")
    page.locator("form#page-edit-form").wait_for()
