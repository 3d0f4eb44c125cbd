"""Keyboard-only use: the skip link comes first and works, every focus is visible (real Chromium)."""

import pytest

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
  };
}"""


def test_skip_link_is_first_visible_and_moves_focus_to_main(browser_page, home_pages):
    page = browser_page
    page.goto("/pl/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "a" and focused["text"] == "Przejdź do głównej treści", focused
    assert focused["visible"] and focused["outline"], f"the skip link must show when focused: {focused}"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")


def test_every_tab_stop_shows_visible_focus(browser_page, home_pages):
    page = browser_page
    page.goto("/pl/")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or (seen and focused == seen[0]):
            break
        seen.append(focused)
        assert focused["outline"] or focused["shadow"], f"focus is not visible on {focused}"
        assert focused["visible"], f"focused element is off screen: {focused}"
    # Header links, language switcher, account links and the footer are all reachable.
    texts = [item["text"] for item in seen]
    assert any("Zaloguj" in text for text in texts), texts
    assert len(seen) >= 5, texts
