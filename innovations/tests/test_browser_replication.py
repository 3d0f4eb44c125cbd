"""The whole path in real Chromium: a member organisation describes an innovation (with an evidence
file), the Secretariat approves it in the Polish admin, another organisation records its interest
and posts the pre-filled need. Then every screen of the path at 390 px and 1280 px in pl, uk, en:
no horizontal scrolling, no serious accessibility violation, a screenshot of each to look at."""

import os

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership, SupportItem
from home.models import Voivodeship
from home.translation import ensure_translation
from innovations.factories import InnovationIndexPageFactory
from innovations.models import InnovationPage, ReplicationInterest
from innovations.workflow import ensure_review_workflow
from library.demo_files import pdf_bytes
from tests.browser.test_journeys import footer_action

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BROWSER_SCREENSHOTS")  # a folder: keep a screenshot of each step to look at
WIDTHS = (390, 1280)


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"innovations-{name}.png"), full_page=True)


def no_overflow(page, where):
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{where}: {width} px wide in a {inner} px window"


def set_up(home_pages, user_factory):
    from django.contrib.auth.models import Group

    home = home_pages["pl"]
    catalogue = InnovationIndexPageFactory(parent=home)
    for code, title in (("uk", "Інновації"), ("en", "Innovations")):
        ensure_translation(catalogue, code, title=title)
    ensure_review_workflow()
    directory = DirectoryIndexPageFactory(parent=home)
    author = OrganisationPageFactory(parent=directory, title="Fundacja Autorka", slug="autorka")
    interested = OrganisationPageFactory(parent=directory, title="Stowarzyszenie Chętne", slug="chetne",
                                         voivodeship=Voivodeship.objects.get(code="lubelskie"))
    people = {
        "author": user_factory(email="autorka@example.org", first_name="Anna", last_name="Autorka"),
        "interested": user_factory(email="chetna@example.org", first_name="Oksana", last_name="Chętna"),
        "secretary": user_factory(email="sekretariat@example.org", language="pl"),
    }
    MembershipFactory(organisation=author, user=people["author"], role=Membership.MANAGER)
    MembershipFactory(organisation=interested, user=people["interested"], role=Membership.MANAGER)
    people["secretary"].groups.set([keyed(Group, SECRETARIAT_KEY)])
    return catalogue, author, interested, people


def fill_submission(page, author):
    main = page.get_by_role("main")
    main.locator("select[name=organisation]").select_option(str(author.pk))
    values = {
        "title": "Klub pracy z mentoringiem", "summary": "Mentorki pomagają kobietom z Ukrainy wrócić do zawodu.",
        "problem": "Kobiety z Ukrainy pracują poniżej kwalifikacji.",
        "solution": "Spotkania co tydzień przez pół roku i mentorka z tej samej branży.",
        "context": "Łódź; kobiety z Ukrainy z wyższym wykształceniem.",
        "results": "Ewaluacja zewnętrzna: 60% uczestniczek pracuje zgodnie z kwalifikacjami.",
        "people_reached": "640", "requirements": "Koordynatorka na pół etatu, 12 mentorek, sala raz w tygodniu.",
    }
    for name, value in values.items():
        main.locator(f"[name={name}]").fill(value)
    for name, code in (("sectors", "employment"), ("target_groups", "women"), ("regions", "lodzkie")):
        main.locator(f"input[name={name}][value={code}]").check()
    main.locator("select[name=stage]").select_option("proven")
    main.locator("select[name=evaluation]").select_option("external")
    main.locator("select[name=cost_band]").select_option("20k-100k")

    main.locator("input[name=files]").set_input_files(
        [{"name": "ewaluacja.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(["Ewaluacja klubu pracy"])}])


def test_submit_review_publish_express_interest_post_the_need(browser_page, assert_accessible, log_in, home_pages,
                                                              user_factory, live_server):
    catalogue, author, interested, people = set_up(home_pages, user_factory)
    page = browser_page
    # Publishing (workflow, files, search, digest sources) is slow on a loaded 2-core machine.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)

    # 1. The author organisation describes its innovation.
    log_in(page, people["author"])
    page.goto(catalogue.url)
    page.get_by_role("link", name="Opisz swoją innowację").click()
    page.wait_for_load_state()
    assert_accessible(page)
    fill_submission(page, author)
    shot(page, "1-submit")
    page.get_by_role("button", name="Wyślij do recenzji").click()
    page.wait_for_load_state()
    assert page.get_by_text("Twoja innowacja trafiła do Sekretariatu").count() == 1
    innovation = InnovationPage.objects.get(title="Klub pracy z mentoringiem")
    assert not innovation.live

    # 2. The Secretariat approves it in the Polish admin: it is published.
    page.context.clear_cookies()
    log_in(page, people["secretary"])
    page.goto(reverse("wagtailadmin_pages:edit", args=[innovation.pk]))
    shot(page, "2-review")
    with page.expect_navigation():
        footer_action(page, page.locator("button[data-workflow-action-name=approve]").first)
    page.wait_for_load_state()
    innovation.refresh_from_db()
    assert innovation.live

    # 3. Another organisation records its interest (on a phone) and posts the pre-filled need.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, people["interested"])
    page.goto(catalogue.url)
    page.get_by_role("main").get_by_role("link", name="Klub pracy z mentoringiem").click()
    page.wait_for_load_state()
    main = page.get_by_role("main")
    assert main.get_by_text("Sprawdzona").count() >= 1
    main.locator("select[name=organisation]").select_option(str(interested.pk))
    main.locator("textarea[name=reason]").fill("Chcemy uruchomić klub w Lublinie dla 24 kobiet.")
    main.locator("select[name=timeframe]").select_option("6-months")
    shot(page, "3-interest")
    main.get_by_role("button", name="Zgłoś nasze zainteresowanie").click()
    page.wait_for_load_state()
    interest = ReplicationInterest.objects.get()
    assert page.get_by_text("Zapisaliśmy wasze zainteresowanie").count() == 1
    assert_accessible(page)
    shot(page, "4-interest-recorded")
    page.get_by_role("link", name="Sprawdź przygotowaną potrzebę").click()
    page.wait_for_load_state()
    assert not SupportItem.objects.exists()  # nothing until the organisation sends it
    title = page.locator("main [name=title]")
    assert "Klub pracy z mentoringiem" in title.input_value()
    title.fill("Wiedza i mentoring do klubu pracy w Lublinie")
    shot(page, "5-need")
    page.get_by_role("main").get_by_role("button", name="Opublikuj potrzebę").click()
    page.wait_for_load_state()
    need = SupportItem.objects.get()
    assert (need.kind, need.organisation_id, need.title) == ("need", interested.pk,
                                                            "Wiedza i mentoring do klubu pracy w Lublinie")
    interest.refresh_from_db()
    assert interest.need_id == need.pk
    assert page.get_by_text("Wiedza i mentoring do klubu pracy w Lublinie").count() >= 1
    shot(page, "6-need-posted")

    # 4. Every screen of the path at both widths in the three languages (the Secretariat translated it).

    ensure_translation(innovation, "uk", title="Клуб працевлаштування з менторством")
    ensure_translation(innovation, "en", title="A job club with mentoring")
    screens = {"catalogue": lambda: catalogue.localized.url, "record": lambda: innovation.localized.url,
               "submit": lambda: catalogue.localized.url + "submit/",
               "interest": lambda: reverse("innovations:interest", args=[interest.pk])}
    people_for = {"catalogue": "interested", "record": "interested", "submit": "author", "interest": "author"}
    for language in ("pl", "uk", "en"):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in screens.items():
                page.context.clear_cookies()
                log_in(page, people[people_for[name]])
                with translation.override(language):
                    path = url()
                if not path.startswith(f"/{language}/"):
                    path = f"/{language}/" + path.split("/", 2)[2]
                page.goto(path)
                no_overflow(page, f"{name} {language} {width}")
                assert page.locator("h1").count() == 1
                assert_accessible(page)
                shot(page, f"walk-{name}-{language}-{width}")
