"""Phones first (real Chromium at 390 px): no page wider than the screen, results before filters,
a menu button that opens with the keyboard and with a tap, and 44 px touch targets."""

import pytest

from directory.factories import OrganisationPageFactory
from home.factories import StandardPageFactory
from tests.browser.test_every_page_type import html_rows
from tests.permission_world import build_world

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
MIN_TARGET = 44

# Every visible control of an area, with the box a finger hits: a checkbox or radio button counts
# with its label's row (the label is part of the control).
TARGETS_JS = """area => Array.from(document.querySelectorAll(area)).flatMap(root =>
  Array.from(root.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, textarea')))
  .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest('.visually-hidden'))
  .map(el => {
    let box = el.getBoundingClientRect();
    if (['checkbox', 'radio'].includes(el.type)) {
      const row = el.parentElement.getBoundingClientRect();
      box = {width: row.width, height: row.height};
    }
    return {what: el.outerHTML.slice(0, 90), width: Math.round(box.width), height: Math.round(box.height)};
  })"""


def too_small(page, area):
    """The controls of `area` (a CSS selector) smaller than 44 x 44 px."""
    return [t for t in page.evaluate(TARGETS_JS, area) if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]


def overflow(page):
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def phone_context(browser, live_server, **options):
    return browser.new_context(base_url=live_server.url, locale="pl-PL", viewport=PHONE, has_touch=True,
                               is_mobile=True, **options)


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    w = build_world()
    # A directory with long facet lists, as in production: the results must still come first.
    sectors = ["legal-aid", "housing", "education", "health", "mental-health", "employment", "integration",
               "language", "children-youth", "protection", "disability", "information"]
    for n, sector in enumerate(sectors):
        OrganisationPageFactory(parent=w.directory, title=f"Fundacja {n}", sectors=[sector, "housing"],
                                regions_served=["lubelskie", "mazowieckie", "podkarpackie"],
                                target_groups=["refugees-ukraine", "children", "women"], languages=["pl", "uk"])
    return w


def test_no_page_is_wider_than_a_phone(browser_page, log_in, world):
    page = browser_page
    rows = list(html_rows(world))
    assert len(rows) > 30, rows
    log_in(page, world.users["member"])
    rows.append(("404", "/pl/no-such-page/"))
    # Every page at 390 px; the frame and the widest pages (tables, forms, listings) at 320 px too.
    narrow = ("page:home.HomePage", "page:directory.DirectoryIndexPage", "directory:coverage", "directory:register",
              "page:groups.MeetingPage", "accounts:privacy", "search")
    checks = [(PHONE, rows), (SMALL_PHONE, [row for row in rows if row[0] in narrow])]
    assert len(checks[1][1]) == len(narrow)
    wide = []
    for viewport, pages in checks:
        page.set_viewport_size(viewport)
        for key, path in pages:
            page.goto(path)
            scroll_width, inner_width = overflow(page)
            if scroll_width > inner_width:
                wide.append(f"{key} ({path}) at {viewport['width']} px: {scroll_width} > {inner_width}")
    assert not wide, "\n".join(wide)


def test_directory_shows_results_first_and_filters_fold(browser, live_server, world, assert_accessible):
    context = phone_context(browser, live_server)
    page = context.new_page()
    page.goto(world.directory.url)
    first = page.locator("ul.organisations > li").first
    top = first.bounding_box()["y"]
    assert top + 40 < PHONE["height"], f"the first result starts at {top} px, below the first screen"
    # The filters are one folded panel that opens with a tap; a filter then narrows the list.
    education = page.get_by_role("checkbox", name="Edukacja").first
    assert not education.is_visible()
    page.locator("details.filters > summary").tap()
    assert education.is_visible()
    assert_accessible(page)
    assert not too_small(page, "header"), too_small(page, "header")
    controls = "details.filters, .search-row, .clear-filters, .pagination, .page-actions"
    assert not too_small(page, controls), too_small(page, controls)
    education.tap()
    page.get_by_role("status").filter(has_text="1 organizacja").wait_for()
    context.close()

    # Without JavaScript the panel still opens and the form still filters.
    context = phone_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(world.directory.url)
    page.locator("details.filters > summary").tap()
    page.get_by_role("checkbox", name="Edukacja").first.check()
    page.get_by_role("button", name="Pokaż organizacje").click()
    page.wait_for_url("**sector=education**")
    assert page.locator("ul.organisations > li").count() == 1
    context.close()


def test_menu_button_opens_with_the_keyboard_and_with_a_tap(browser, live_server, transactional_db,
                                                           django_db_serialized_rollback, assert_accessible, log_in,
                                                           user_factory, home_page):
    StandardPageFactory(parent=home_page, slug="o-nas", title="O nas", show_in_menus=True)
    context = phone_context(browser, live_server)
    page = context.new_page()
    log_in(page, user_factory())
    page.goto("/pl/")
    menu = page.locator("[data-site-menu]")
    about = page.get_by_role("navigation", name="Nawigacja główna").get_by_role("link", name="O nas")
    button = menu.locator("> summary")
    assert button.is_visible() and not about.is_visible()
    header_height = page.locator("header").bounding_box()["height"]
    assert header_height < 100, f"the closed header takes {header_height} px"

    # Keyboard: Tab reaches the button (skip link, logo, menu), Enter opens it, Escape closes it.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-site-menu] > summary')")
    page.keyboard.press("Enter")
    about.wait_for()
    assert page.get_by_role("navigation", name="Konto").get_by_role("button", name="Wyloguj się").is_visible()
    assert_accessible(page)
    assert not too_small(page, "header"), too_small(page, "header")
    page.keyboard.press("Escape")
    assert not about.is_visible()
    assert page.evaluate("document.activeElement.matches('[data-site-menu] > summary')")
    page.keyboard.press("Space")
    assert about.is_visible()

    # Touch: a tap closes and opens it.
    button.tap()
    assert not about.is_visible()
    button.tap()
    assert about.is_visible()
    context.close()

    # Without JavaScript the button works the same (it is a <details> element).
    context = phone_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/pl/")
    page.locator("[data-site-menu] > summary").tap()
    assert page.get_by_role("link", name="O nas").is_visible()
    context.close()

    # On a desktop there is no menu button: the navigation is always shown.
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto("/pl/")
    assert not page.locator("[data-site-menu] > summary").is_visible()
    assert page.get_by_role("link", name="O nas").is_visible()
    assert page.get_by_role("navigation", name="Konto").get_by_role("link", name="Zaloguj się").is_visible()
    context.close()
