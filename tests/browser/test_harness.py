"""The harness itself: axe-core really finds violations, so a green journey means something."""

import pytest

from tests.browser.plugin import axe_violations, format_violations

pytestmark = pytest.mark.browser


def test_axe_reports_serious_violations(browser_page):
    browser_page.set_content(
        '<html><body><main><img src="x.png"><form><input type="text" name="q"></form>'
        '<p style="color:#777;background:#888">low contrast</p></main></body></html>'
    )
    rules = {violation["id"] for violation in axe_violations(browser_page)}
    assert {"html-has-lang", "image-alt", "label", "color-contrast"} <= rules
    assert "image-alt" in format_violations(axe_violations(browser_page))
