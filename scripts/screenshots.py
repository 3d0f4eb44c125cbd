"""Screenshots of the key pages at phone and desktop widths in every site language (`make screenshots`).

Writes PNGs (home, directory, an organisation profile, coverage, search, the working groups'
keyword boxes, the account menu, a group's discussions searched while signed in) at 390 px and
1280 px in pl/uk/en into screenshots/ (git-ignored), so anyone can look at the site without
clicking through it by hand.

    .venv/bin/python scripts/screenshots.py                 # starts its own server on the database
                                                            # in the environment (make demo's data)
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000   # an already running site

The account menu is shot signed in as the demo person (directory/demo.py) through the real log-in
form. Chromium is Debian's (CHROMIUM_PATH, /usr/bin/chromium), as in the browser tests.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
LANGUAGES = ("pl", "uk", "en")
SEARCH_WORDS = {"pl": "pomoc", "uk": "допомога", "en": "help"}
# The keyword boxes of the groups list, a group's space and its discussions (unaccented, inflected).
GROUP_WORDS = {"pl": "szkola", "uk": "школи", "en": "school"}
SPACE_WORDS = {"pl": "egzamin", "uk": "іспити", "en": "exams"}
THREAD_WORDS = {"pl": "kurs polskiego", "uk": "робота", "en": "housing"}


def page_paths(language):
    """{name: path} of the pages to shoot in one language, read from the site's own database."""
    from django.urls import reverse
    from django.utils import translation

    from directory.models import DirectoryIndexPage, OrganisationPage
    from groups.models import GroupIndexPage, WorkingGroupPage

    def first_url(model):
        page = model.objects.live().public().filter(locale__language_code=language).order_by("path").first()
        return page.url if page is not None else None

    with translation.override(language):
        paths = {
            "home": f"/{language}/",
            "directory": first_url(DirectoryIndexPage),
            "profile": first_url(OrganisationPage),
            "coverage": reverse("directory:coverage"),
            "search": reverse("search") + "?q=" + urllib.request.quote(SEARCH_WORDS[language]),
        }
        groups, group = first_url(GroupIndexPage), first_url(WorkingGroupPage)
        if groups:
            paths["groups-search"] = groups + "?q=" + urllib.request.quote(GROUP_WORDS[language])
        if group:
            paths["group-search"] = group + "?q=" + urllib.request.quote(SPACE_WORDS[language])
    return {name: path for name, path in paths.items() if path}


def discussions_path(language):
    """The first group's discussions searched (signed in), or None."""
    from django.urls import reverse
    from django.utils import translation

    from groups.models import WorkingGroupPage

    group = WorkingGroupPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    if group is None:
        return None
    with translation.override(language):
        return (reverse("community:group_threads", args=[group.pk]) + "?q="
                + urllib.request.quote(THREAD_WORDS[language]))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server():
    """`manage.py runserver` on a free port of this checkout; returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(120):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)
            return process, url
        except OSError:
            if process.poll() is not None:
                sys.exit("The server stopped: run `make demo` first.")
            time.sleep(0.5)
    process.terminate()
    sys.exit("The server did not answer within a minute.")


def log_in(page, url, language):
    """Sign in as the demo person through the form (accepting new terms if asked)."""
    from directory.demo import DEMO_EMAIL, DEMO_PASSWORD

    page.goto(f"{url}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(DEMO_EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/privacy/accept/" in page.url:
        page.locator("main input[type=checkbox]").check()
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()


def open_account_menu(page):
    """Open the menu button (phones) and then the account menu."""
    toggle = page.locator("[data-site-menu] > summary")
    if toggle.is_visible():
        toggle.click()
    page.locator("[data-account-menu] > summary").click()


def shoot(url, out):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    # Ask the database before Playwright starts (its loop makes Django refuse ORM calls).
    all_paths = {language: page_paths(language) for language in LANGUAGES}
    discussions = {language: discussions_path(language) for language in LANGUAGES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        for language in LANGUAGES:
            paths = all_paths[language]
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, locale=f"{language}-{language.upper()}")
                page = context.new_page()
                for name, path in paths.items():
                    page.goto(url + path)
                    target = out / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(target), full_page=name != "directory")
                    written.append(target)
                log_in(page, url, language)
                page.goto(f"{url}/{language}/")
                open_account_menu(page)
                target = out / f"account-menu-{language}-{width}.png"
                page.screenshot(path=str(target))
                written.append(target)
                if discussions[language]:
                    page.goto(url + discussions[language])
                    target = out / f"discussions-search-{language}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site (default: start one on this checkout's database)")
    parser.add_argument("--out", default=str(ROOT / "screenshots"), help="folder for the PNGs")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    server = None
    url = args.url
    if url is None:
        server, url = start_server()
    try:
        written = shoot(url.rstrip("/"), Path(args.out))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(written)} screenshots in {args.out}")


if __name__ == "__main__":
    main()
