"""A visitor browses the frame pages in pl, uk and en and switches language (real Chromium)."""

import pytest
from playwright.sync_api import expect

from home import demo
from home.models import NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.browser


@pytest.fixture
def frame_content(browser_page):
    """The frame's demo content (home, about, news) in the three languages."""
    demo.load(lambda message: None)


def test_visitor_browses_news_and_about_and_switches_language(browser_page, frame_content, assert_accessible):
    page = browser_page
    page.goto("/pl/")
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.get_by_role("navigation", name="Nawigacja główna").get_by_role("link", name="Aktualności").click()
    assert page.url.endswith("/pl/aktualnosci/")
    assert_accessible(page)
    page.locator("main").get_by_role("link").filter(has_text="Listopadowe spotkanie Forum").first.click()
    expect(page.locator("h1")).to_contain_text("Listopadowe spotkanie Forum")
    assert_accessible(page)

    # The language switcher lands on the translation of the same news item.
    page.get_by_role("navigation", name="Język").get_by_role("link", name="UK").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("h1")).to_contain_text("Листопадова зустріч Форуму")
    assert_accessible(page)

    page.get_by_role("navigation", name="Мова").get_by_role("link", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("November Forum meeting")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="About us").click()
    expect(page.locator("h1")).to_have_text("About us")
    assert_accessible(page)


def test_every_frame_page_type_is_accessible_in_each_language(browser_page, frame_content, assert_accessible):
    for model in (NewsIndexPage, NewsPage, StandardPage):
        for page_obj in model.objects.live().order_by("locale_id", "pk").distinct("locale_id"):
            browser_page.goto(page_obj.url)
            assert browser_page.locator("h1").count() == 1, page_obj.url
            assert_accessible(browser_page)
    for path in ("/uk/", "/en/"):
        browser_page.goto(path)
        assert_accessible(browser_page)
