"""Every admin screen speaks Polish: render each screen of the admin (Wagtail's and the project's)
in pl, signed in as the Secretariat (not a superuser), and fail when a string looked up for
translation came back empty or unchanged English, or when a raw Python value ("False") shows.

How: while the screens render, gettext/pgettext/ngettext are wrapped to record each lookup
whose Polish result equals the English msgid. Screens are the admin's URL patterns without
arguments plus the edit screen of one object of each of the project's admin listings; the test
prints the list of screens it walked (pytest -s) and the ones it could not open.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from digests.factories import MailingFactory, SubscriptionFactory
from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory
from directory.models import Registration

pytestmark = pytest.mark.django_db

# Strings that are the same in Polish (codes, names, international words).
ALLOWED = {
    "Wagtail", "OK", "E-mail", "e-mail", "Status", "status", "Email", "PDF", "CSV", "XLSX", "ID", "URL", "API",
    "Slug", "slug", "SEO", "HTML", "Link", "link", "Logo", "logo", "NIP", "KRS", "ICS", "Forum Razem", "Forum „Razem”",
    "Internet", "Online", "online", "Menu", "menu", "Dashboard", "Filtr", "Panel", "Max", "Min", "Audio", "Video",
    "Admin", "admin", "Tags", "Zoom", "Polski", "Українська", "English", "RSS", "Feed", "Standard", "Workflow",
    "%(count)s", "%(num)s", "%s", "—", "-", "…", "Minimum", "system", "Plan", "Tag",
}
LETTERS = re.compile(r"[A-Za-z]{3,}")
SKIP = re.compile(r"(logout|failwhale|\^|/export|\.csv|\.xlsx|/jsi18n|/api/|/chooser|/autocomplete|/preview|/download|"
                  r"/usage|/results/|/sprite|/icons|/multiple|/reorder|/tag-autocomplete|/localize/api)")


def admin_paths():
    """Paths of the admin's URL patterns that take no arguments."""
    resolver = get_resolver()
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, text)
            elif isinstance(pattern, URLPattern) and "<" not in text and "(?P" not in text:
                path = "/" + text.lstrip("^").replace("\\Z", "").replace("$", "")
                if path.startswith("/admin/") and not SKIP.search(path):
                    found.add(path)

    walk(resolver.url_patterns, "")
    return sorted(found)


@pytest.fixture
def untranslated(monkeypatch):
    """Record every (msgid, context) whose Polish translation equals the English text."""
    seen = set()
    trans = translation._trans
    real = {name: getattr(trans, name) for name in ("gettext", "pgettext", "ngettext", "npgettext")}

    def check(msgid, result, context=None):
        if translation.get_language() != "pl" or not LETTERS.search(str(msgid)):
            return
        if (not result or result == msgid) and msgid not in ALLOWED:
            seen.add((context, msgid))

    monkeypatch.setattr(trans, "gettext", lambda m: (lambda r: (check(m, r), r)[1])(real["gettext"](m)))
    monkeypatch.setattr(trans, "pgettext", lambda c, m: (lambda r: (check(m, r, c), r)[1])(real["pgettext"](c, m)))
    monkeypatch.setattr(trans, "ngettext", lambda s, p, n: (lambda r: (check(s if n == 1 else p, r), r)[1])(
        real["ngettext"](s, p, n)))
    monkeypatch.setattr(trans, "npgettext", lambda c, s, p, n: (lambda r: (check(s if n == 1 else p, r, c), r)[1])(
        real["npgettext"](c, s, p, n)))
    return seen


@pytest.fixture
def world(home_pages, user_factory):
    """A little of everything, so listings have rows and the edit screens have objects."""
    from django.contrib.auth.models import Group

    secretary = user_factory(email="sekretariat@example.org", language="pl")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])
    directory = DirectoryIndexPageFactory(parent=home_pages["pl"])
    organisation = OrganisationPageFactory(parent=directory, title="Fundacja Przykład")
    Registration.objects.create(organisation=organisation, user=secretary)
    MailingFactory()
    SubscriptionFactory(email="pl@example.org", language="pl")
    return secretary


def listing_edit_paths(client, paths):
    """The first edit link of each listing screen (one object of each kind)."""
    found = []
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            match = re.search(r'href="(/admin/[^"]*/edit/\d+/)"', response.content.decode())
            if match:
                found.append(match.group(1))
    return sorted(set(found))


def test_every_admin_screen_is_in_polish(client, world, untranslated, capsys):
    client.force_login(world)
    walked, refused, problems = [], [], {}
    paths = admin_paths()
    paths += [p for p in listing_edit_paths(client, paths) if p not in paths]
    untranslated.clear()  # the lookups made while collecting the edit links count below, per screen
    for path in paths:
        with translation.override("pl"):
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="pl")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            refused.append(f"{path} ({response.status_code})")
            untranslated.clear()
            continue
        walked.append(path)
        html = response.content.decode()
        # A raw Python value in a visible element (Wagtail keeps a hidden "None" counter in its side panel toggle).
        raw = [value for tag, value in re.findall(r"(<[^<>]*>)\s*(True|False|None)\s*<", html) if " hidden" not in tag]
        found = sorted({msgid for _context, msgid in untranslated} | {f"raw value {value}" for value in raw})
        if found:
            problems[path] = found
        untranslated.clear()
    with capsys.disabled():
        print(f"\nAdmin screens walked in Polish as the Secretariat ({len(walked)}):\n  " + "\n  ".join(walked))
        print(f"Not opened (not HTML or refused to the Secretariat) ({len(refused)}):\n  " + "\n  ".join(refused))
    if os.environ.get("ADMIN_POLISH_DUMP"):  # a file: every finding as JSON, to translate them in one go
        Path(os.environ["ADMIN_POLISH_DUMP"]).write_text(json.dumps(problems, ensure_ascii=False, indent=1))
    assert len(walked) >= 20
    report = "\n".join(f"  {path}: {', '.join(repr(m) for m in found)}" for path, found in problems.items())
    assert not problems, f"English left in the Polish admin on {len(problems)} screens:\n{report}"
