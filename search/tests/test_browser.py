"""The header search box and its title suggestions in a real Chromium: an accessible combobox
(keyboard, ARIA state, axe), hostile titles shown as text, and the form works without JavaScript."""

import re

import pytest

from directory.factories import DirectoryIndexPageFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory
from search import indexing

pytestmark = pytest.mark.browser


@pytest.fixture
def suggested(es, home_pages):
    news = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    wanted = NewsPageFactory(parent=news, slug="wsparcie", title="Wsparcie dla uchodźców w Lublinie")
    NewsPageFactory(parent=news, slug="wrogi", title='Wsparcie <img src=x onerror="window.hacked=1"> \u202eevil')
    indexing.rebuild()
    return wanted


def test_header_search_suggests_titles_with_the_keyboard(browser_page, assert_accessible, suggested):
    page = browser_page
    page.goto("/pl/")
    box = page.get_by_role("combobox", name="Szukaj w serwisie Forum")
    box.fill("wspar")
    options = page.get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    titles = options.all_inner_texts()
    assert "Wsparcie dla uchodźców w Lublinie" in titles
    assert any("<img" in title for title in titles)  # hostile markup is shown as text, never run
    assert page.evaluate("window.hacked") is None
    assert_accessible(page)

    index = titles.index("Wsparcie dla uchodźców w Lublinie")
    for _ in range(index + 1):
        box.press("ArrowDown")
    chosen = page.locator(f"#{box.get_attribute('aria-activedescendant')}")
    assert chosen.inner_text() == "Wsparcie dla uchodźców w Lublinie"
    assert chosen.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("option").count()

    box.fill("wsparcie dla")
    page.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(re.escape(suggested.url) + "$"))


def test_header_search_submits_without_javascript(django_db_serialized_rollback, transactional_db, browser, live_server,
                                                  suggested):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="pl-PL")
    page = context.new_page()
    page.goto("/pl/")
    page.get_by_role("searchbox", name="Szukaj w serwisie Forum").fill("uchodźców")
    page.get_by_role("search", name="Wyszukiwanie w serwisie").get_by_role("button").click()
    page.wait_for_url(re.compile(r"/pl/search/\?q="))
    assert page.get_by_role("link", name="Wsparcie dla uchodźców w Lublinie").count() == 1
    context.close()


@pytest.fixture
def directory_and_one_item(es, home_pages):
    DirectoryIndexPageFactory(parent=home_pages["pl"])
    news = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    NewsPageFactory(parent=news, slug="wsparcie", title="Wsparcie psychologiczne dla dzieci")
    indexing.rebuild()


@pytest.mark.parametrize("language", ["pl", "uk", "en"])
def test_thin_results_help_at_phone_and_desktop_widths(browser_page, assert_accessible, directory_and_one_item,
                                                        language):
    """A search that finds little explains what to do next, readable and accessible at 390 and 1280 px."""
    page = browser_page
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/{language}/search/?q=fsparcie")
        help_box = page.locator(".thin-results")
        help_box.wait_for()
        assert "q=wsparcie" in page.locator(".search-suggestion a").get_attribute("href")  # did you mean
        assert "q=fsparcie" in help_box.get_by_role("link").first.get_attribute("href")  # the directory
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(page)
        page.screenshot(path=f"/tmp/search-thin-{language}-{width}.png", full_page=True)
