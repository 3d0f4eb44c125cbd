"""Browser-test fixtures shared by every app: real Chromium (Playwright) against the live server.

Loaded for the whole suite by the root conftest.py (`pytest_plugins`), so any
app's tests can use them:

    pytestmark = pytest.mark.browser

    def test_journey(browser_page, live_server, log_in, assert_accessible, user_factory):
        log_in(browser_page, user_factory())
        browser_page.goto("/pl/")                  # relative to live_server.url
        assert_accessible(browser_page)            # axe-core: no serious/critical violation

What the fixtures give:
- `browser` (module): one headless Debian Chromium (`/usr/bin/chromium`, never a
  downloaded build), started once per test module.
- `browser_page`: a fresh context (no cookies) and page whose base URL is the live
  server. It fails the test on a JavaScript error or a Content-Security-Policy
  violation, and saves a screenshot and the HTML on failure under
  `.browser-artifacts/` (git-ignored).
- `log_in(page, user)`: log a user in without the form (a session cookie).
- `assert_accessible(page)`: inject axe-core (npm, node_modules/) and fail on any
  serious or critical violation, listing them.

The database: the live server runs in another thread, so these tests use
`transactional_db`; `django_db_serialized_rollback` restores what migrations
created (locales, the home page, taxonomy, roles) before each test (quietly:
tests/database.py).
"""

import json
import os
import re
from pathlib import Path

import pytest

from search.analysis import load_dictionaries

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / ".browser-artifacts"
# Impacts that fail a test: the bar is zero serious or critical violations.
FAILING_IMPACTS = {"serious", "critical"}
# Waits pass as soon as the page is ready: the bound is for a loaded, shared 2-core CI machine.
TIMEOUT_MS = 20_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so fixtures know whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module (Debian's binary, driven by Playwright's sync API).

    Module scope, not session: while Playwright's sync API is alive its asyncio loop counts as
    running in this thread, so Django needs DJANGO_ALLOW_ASYNC_UNSAFE; the flag must not leak
    into other modules' tests (nor into subprocesses they start, e.g. `check --deploy`).
    """
    from playwright.sync_api import expect, sync_playwright

    # expect() has its own default (5 s): give its retries the same room as every other wait.
    expect.set_options(timeout=TIMEOUT_MS)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `scripts/services.sh install` installs Debian's chromium.")
    # Playwright's sync API keeps an asyncio loop in this thread; Django then refuses ORM calls
    # from test code ("async context") unless told that the loop is not serving requests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    # Starting Playwright switches this thread's context, and with it Django's per-context
    # connection objects: carry over the serialized database that serialized rollback restores.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(request, browser, live_server, transactional_db, django_db_serialized_rollback):
    """A fresh page on the live server; fails on JS errors and CSP violations; screenshots on failure."""
    from django.core.cache import cache

    # Cached values (Wagtail's site root paths, frame fragments) may describe rows of an earlier
    # transactional test that were flushed since: start from the restored database alone.
    cache.clear()
    # The live server answers in this process: its first request that lemmatises (a search, a
    # publication indexed by the synchronous worker) would load the dictionaries inside the
    # browser's timeout, seconds on a loaded machine. Gunicorn loads them at start the same way.
    load_dictionaries()
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "console",
        lambda message: problems.append(f"console {message.type}: {message.text}")
        if message.type == "error" and _is_policy_problem(message.text)
        else None,
    )
    yield page
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    if failed:
        _save_artifacts(request.node, page)
    context.close()
    if problems and not failed:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


def _is_policy_problem(text):
    """Console errors that mean broken pages: CSP refusals and scripts that failed."""
    return bool(re.search(r"Content Security Policy|Refused to|Uncaught", text))


def _save_artifacts(node, page):
    """Save a full-page screenshot and the HTML of a failed test's page."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", node.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # a crashed page must not hide the test's own failure
        (ARTIFACTS / f"{name}.txt").write_text(f"no screenshot: {exc}", encoding="utf-8")


@pytest.fixture
def log_in(live_server):
    """Return log_in(page, user): a logged-in session cookie, without going through the form."""
    from django.conf import settings
    from django.test import Client

    def do_log_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True, "sameSite": "Lax"}]
        )
        return page

    return do_log_in


# Wagtail's userbar (editors' pages) brings its own axe and runs it once loaded: wait for that run.
AXE_RUN = """async options => {
  for (let tries = 0; ; tries++) {
    try { return await axe.run(document, options); } catch (error) {
      if (tries >= 100 || !String(error).includes("already running")) { throw error; }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}"""


def axe_violations(page, impacts=FAILING_IMPACTS, rules=None):
    """Run axe-core on the page and return the violations of the given impacts.

    axe is evaluated through the DevTools protocol, so the site's CSP (no inline
    scripts) need not be relaxed for it.
    """
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --no-audit --no-fund` (make test does).")
    # A click returns once the next page starts loading: check that page whole, not half-parsed.
    page.wait_for_load_state()
    if page.locator("[data-userbar-src]").count():  # an editor's userbar is still coming (home/userbar.py)
        page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    result = page.evaluate(AXE_RUN, options)
    return [violation for violation in result["violations"] if violation.get("impact") in impacts]


def format_violations(violations):
    """One readable line per violation and failing element."""
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    """Return assert_accessible(page): fail on any serious or critical axe-core violation."""

    def check(page, impacts=FAILING_IMPACTS):
        violations = axe_violations(page, impacts=impacts)
        assert not violations, f"Accessibility violations on {page.url}:\n{format_violations(violations)}"

    return check


@pytest.fixture
def mail_outbox_links():
    """Return links(message): the http(s) links in a sent e-mail's text body."""

    def links(message):
        return re.findall(r"https?://[^\s<>\"']+", message.body)

    return links


def dump(value):
    """Pretty JSON, for assertion messages."""
    return json.dumps(value, indent=2, ensure_ascii=False)
