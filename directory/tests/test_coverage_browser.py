"""The coverage page in real Chromium at 390 px and 1280 px (#23): no page overflow, an accessible
map that works with the keyboard, sticky table headers, scopes, and cells whose links keep every
filter so that the directory lists exactly the cell's count."""

import re

import pytest

from home.models import Voivodeship
from home.translation import ensure_translation

pytestmark = pytest.mark.browser

VIEWPORTS = ({"width": 390, "height": 844}, {"width": 1280, "height": 900})


@pytest.fixture
def coverage_world(transactional_db, django_db_serialized_rollback, organisation_factory, directory):
    def seat(code):
        return Voivodeship.objects.get(code=code)

    common = {"sectors": ["housing"], "languages": ["uk"]}
    organisation_factory(title="A", voivodeship=seat("lubelskie"), target_groups=["women"], **common)
    organisation_factory(title="B", voivodeship=seat("mazowieckie"), regions_served=["lubelskie"],
                         target_groups=["women"], **common)
    organisation_factory(title="C", voivodeship=seat("slaskie"), nationwide=True, target_groups=["women"], **common)
    organisation_factory(title="D", voivodeship=seat("lubelskie"), target_groups=["children"], **common)
    for language in ("uk", "en"):
        ensure_translation(directory, language)
    return directory


def no_overflow(page):
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: the page is {width} px wide in a {inner} px window"


def cell_link(page, voivodeship, sector):
    row = page.locator("table.coverage tbody tr").filter(has=page.locator(f"th:text-is('{voivodeship}')"))
    column = page.locator("table.coverage thead th").all_inner_texts().index(sector)
    return row.locator("td").nth(column - 1).locator("a")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["390", "1280"])
def test_coverage_map_scopes_and_cell_links(browser, live_server, coverage_world, assert_accessible, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    filters = "target_group=women&language=uk"
    expected = {"serving": "2", "based": "1", "nationwide": "1", "all": "3"}  # Lublin × Housing, women, Ukrainian
    for language, words in (("en", ("Lublin", "Housing", "organisation")), ("uk", ("Люблінське", "Житло", "організац"))):
        for scope, count in expected.items():
            page.goto(f"/{language}/coverage/?{filters}&scope={scope}")
            no_overflow(page)
            assert page.locator("input[name=scope]:checked").get_attribute("value") == scope
            link = cell_link(page, words[0], words[1])
            assert re.match(rf"^{count}\b", link.inner_text()), (scope, link.inner_text())
            href = link.get_attribute("href")
            for parameter in ("target_group=women", "language=uk", "sector=housing"):
                assert parameter in href, (parameter, href)
            link.click()
            page.wait_for_load_state()
            no_overflow(page)
            status = page.locator("p.meta[role=status]").inner_text()
            assert status.startswith(f"{count} ") and words[2] in status, (scope, page.url, status)

    # The map: 16 links, each named with its voivodeship and count, reached and followed with the keyboard.
    page.goto(f"/en/coverage/?{filters}&sector=housing")
    tiles = page.locator("svg.tile-map a")
    assert tiles.count() == 16
    assert page.locator("svg.tile-map a[aria-label^='Lublin: 2']").count() == 1
    assert page.locator(".map-legend li").count() >= 2
    assert_accessible(page)
    page.locator("svg.tile-map a[aria-label^='Lublin']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**region=lubelskie**")
    assert page.locator("p.meta[role=status]").inner_text().startswith("2 ")

    # Without a sector the map counts each organisation once, in any sector, and its link says the same.
    page.goto(f"/en/coverage/?{filters}&scope=all")
    assert page.locator("svg.tile-map a[aria-label^='Lublin: 3']").count() == 1
    page.locator("svg.tile-map a[aria-label^='Lublin']").click()
    page.wait_for_url("**region=lubelskie**")
    assert page.locator("p.meta[role=status]").inner_text().startswith("3 ")

    # The table's header row stays in view while its box scrolls.
    page.goto(f"/en/coverage/?{filters}")
    box = page.locator(".coverage-scroll")
    box.evaluate("el => el.scrollBy(0, 300)")
    header = page.locator("table.coverage thead th").nth(1).bounding_box()
    assert abs(header["y"] - box.bounding_box()["y"]) < 2, (header, box.bounding_box())
    context.close()
