"""axe-core on every page type and every public HTML view of the permission matrix (real Chromium).

The URLs come from tests/permission_matrix.py, so a new page type or view gets its
accessibility check as soon as it gets its matrix row: every GET row that a signed-in
member receives as an HTML page (200), in the permission matrix's world.
"""

import pytest

from tests.permission_matrix import member_pages
from tests.permission_world import build_world

pytestmark = pytest.mark.browser


def html_rows(world):
    from django.test import Client

    client = Client()
    client.force_login(world.users["member"])
    for key, path in member_pages(world):
        if client.get(path)["Content-Type"].startswith("text/html"):
            yield key, path


def test_every_page_type_and_view_is_accessible(browser_page, assert_accessible, log_in):
    world = build_world()
    rows = list(html_rows(world))
    assert len(rows) > 30, rows  # every page type and the public views
    log_in(browser_page, world.users["member"])
    failures = []
    for key, path in rows:
        browser_page.goto(path)
        assert browser_page.locator("h1").count() == 1, f"{key} ({path}): one h1 per page"
        try:
            assert_accessible(browser_page)
        except AssertionError as error:
            failures.append(f"{key}: {error}")
    assert not failures, "\n".join(failures)
