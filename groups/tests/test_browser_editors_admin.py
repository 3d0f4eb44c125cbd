"""The Polish admin in real Chromium for editors who are not superusers (#20 item 7):
a coordinator's "Strony" explorer opens at their working group; the Secretariat reads the
digest schedules under Reports, at 1280 and 390 px, in Polish and Ukrainian."""

import os

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from home.translation import ensure_translation

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BROWSER_SCREENSHOTS")  # a folder: keep a screenshot of each step to look at
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"editors-admin-{name}.png"), full_page=True)


def speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_the_coordinators_explorer_opens_at_their_group(browser_page, log_in, home_pages, group, coordinator):
    for code in ("uk", "en"):
        ensure_translation(group, code)
    speaks(coordinator, "pl")
    page = browser_page
    log_in(page, coordinator)
    page.goto(reverse("wagtailadmin_home"))
    page.get_by_role("button", name="Strony").click()
    explorer = page.locator(".c-page-explorer, [class*=page-explorer]").first
    explorer.get_by_text(group.title).first.wait_for()
    shot(page, "coordinator-explorer")
    # The group's page in the explorer's header: it opened there, not at the root of three languages.
    assert "Forum Razem uk" not in explorer.inner_text()


@pytest.mark.parametrize("language, title, daily", [("pl", "Harmonogram podsumowań", "Podsumowania dzienne"),
                                                    ("uk", "Розклад дайджестів", "Щоденні дайджести")])
def test_the_secretariat_reads_the_digest_schedules(browser_page, log_in, home_page, user_factory,
                                                    language, title, daily):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_schedules", stdout=open(os.devnull, "w"))
    secretary = user_factory(email=f"sekretariat-{language}@example.org")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])
    speaks(secretary, language)
    page = browser_page
    log_in(page, secretary)
    page.goto(reverse("wagtailadmin_home"))
    page.get_by_role("button", name={"pl": "Raporty", "uk": "Звіти"}[language]).click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("heading", name=title).wait_for()
    assert page.get_by_role("cell", name=daily).is_visible()
    shot(page, f"schedules-{language}-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    page.get_by_role("heading", name=title).wait_for()
    shot(page, f"schedules-{language}-390")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
