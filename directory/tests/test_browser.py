"""The directory's filters update the results without a full page load (real Chromium), and still work as links."""

import pytest

pytestmark = pytest.mark.browser

IDLE = "() => !document.querySelector('form[data-directory-filters]').hasAttribute('aria-busy')"


def _titles(page):
    return page.locator("#directory-results h2").all_inner_texts()


def test_filtering_without_reload(browser_page, directory, organisation_factory, assert_accessible):
    organisation_factory(title="Dom Ukraiński", sectors=["housing"], languages=["uk"])
    organisation_factory(title="Prawnicy bez granic", sectors=["legal-aid"])
    organisation_factory(title="Mieszkanie dla wszystkich", sectors=["housing", "legal-aid"])
    page = browser_page
    page.goto(directory.url)
    assert sorted(_titles(page)) == ["Dom Ukraiński", "Mieszkanie dla wszystkich", "Prawnicy bez granic"]
    assert_accessible(page)
    page.evaluate("window.directoryPageMarker = 'same document'")  # lost if the page is loaded again

    page.check("#f-sector-housing")
    page.wait_for_function("() => location.search.includes('sector=housing')")
    page.wait_for_function(IDLE)
    assert sorted(_titles(page)) == ["Dom Ukraiński", "Mieszkanie dla wszystkich"]
    # Facets are recounted in place: the other sector still shows what it would add.
    assert page.locator("label[for='f-sector-legal-aid'] .count").inner_text() == "(2)"
    assert page.locator("label[for='f-language-uk'] .count").inner_text() == "(1)"
    assert page.locator("#f-sector-housing").is_checked()

    page.check("#f-language-uk")
    page.wait_for_function("() => location.search.includes('language=uk')")
    page.wait_for_function(IDLE)
    assert _titles(page) == ["Dom Ukraiński"]
    assert page.evaluate("window.directoryPageMarker") == "same document"
    assert_accessible(page)

    # Back restores the previous selection's results, still without a reload.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('language=uk')")
    page.wait_for_function(IDLE)
    page.wait_for_function("() => document.querySelectorAll('#directory-results h2').length === 2")
    assert page.evaluate("window.directoryPageMarker") == "same document"

    # The URL is shareable: loading it afresh gives the same results and checked boxes.
    url = page.url
    page.goto(url)
    assert sorted(_titles(page)) == ["Dom Ukraiński", "Mieszkanie dla wszystkich"]
    assert page.locator("#f-sector-housing").is_checked()


def test_works_without_javascript(browser, live_server, transactional_db, django_db_serialized_rollback, directory,
                                 organisation_factory):
    organisation_factory(title="Dom Ukraiński", sectors=["housing"])
    organisation_factory(title="Prawnicy bez granic", sectors=["legal-aid"])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(directory.url)
    page.check("#f-sector-housing")
    page.get_by_role("button", name="Pokaż organizacje").click()
    page.wait_for_url("**sector=housing**")
    assert _titles(page) == ["Dom Ukraiński"]
    context.close()
