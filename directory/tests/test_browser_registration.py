"""The registration lifecycle in real Chromium, the admin in Polish: an applicant registers, the
Secretariat (a Secretariat-only person) asks for changes, the applicant reads the comment, edits
and resubmits, the Secretariat approves."""

import os

import pytest
from django.urls import reverse

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from directory.factories import DirectoryIndexPageFactory
from directory.models import OrganisationPage, Registration
from directory.registration import ensure_registration_workflow
from tests.browser.test_journeys import _approve_from_menu, _fill_registration, footer_action

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BROWSER_SCREENSHOTS")  # a folder: keep a screenshot of each step to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"registration-{name}.png"), full_page=True)


def test_register_changes_requested_edit_resubmit_approve(browser_page, assert_accessible, log_in, home_page,
                                                          user_factory):
    from django.contrib.auth.models import Group

    directory = DirectoryIndexPageFactory(parent=home_page)
    ensure_registration_workflow()
    applicant = user_factory(email="prezeska@example.org")
    secretary = user_factory(email="sekretariat@example.org", language="pl")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])

    page = browser_page
    log_in(page, applicant)
    page.goto(reverse("directory:register"))
    page.locator("input[name=name], input[name=title]").first.fill("Fundacja Świetlik")
    _fill_registration(page)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    main = page.get_by_role("main")
    assert main.get_by_text("pięciu dni roboczych").count() == 1
    assert main.get_by_role("link", name="Zarejestruj swoją organizację").count() == 0
    assert_accessible(page)
    shot(page, "1-pending")
    organisation = OrganisationPage.objects.get(title="Fundacja Świetlik")

    # The Secretariat asks for changes from the Polish admin's footer ("Poproś o zmiany") with a comment.
    page.context.clear_cookies()
    log_in(page, secretary)
    page.goto(reverse("wagtailadmin_pages:edit", args=[organisation.pk]))
    footer_action(page, page.locator("button[data-workflow-action-name=reject]").first)
    dialog = page.locator("[role=dialog]:visible, .modal:visible").first
    dialog.locator("textarea[name=comment]").fill("Proszę dodać numer KRS.")
    shot(page, "2-request-changes")
    with page.expect_navigation():  # the modal checks the comment, then Wagtail submits the editor's form
        dialog.locator("button[type=submit], input[type=submit]").first.click()
    page.wait_for_load_state()
    shot(page, "2b-after-request")
    assert Registration.objects.get().status == Registration.CHANGES_REQUESTED

    # The applicant sees the comment, corrects the profile and sends it again.
    page.context.clear_cookies()
    log_in(page, applicant)
    page.goto(reverse("directory:mine"))
    main = page.get_by_role("main")
    assert main.get_by_text("Proszę dodać numer KRS.").count() == 1
    assert_accessible(page)
    shot(page, "3-changes-requested")
    main.get_by_role("link", name="Popraw i wyślij ponownie").click()
    page.wait_for_load_state()
    assert page.get_by_role("main").get_by_text("Proszę dodać numer KRS.").count() == 1
    page.locator("main [name=krs]").fill("0000424242")
    shot(page, "4-edit")
    page.get_by_role("button", name="Zapisz i wyślij ponownie").click()
    page.wait_for_load_state()
    assert page.get_by_text("Poprawione zgłoszenie wróciło do Sekretariatu").count() == 1
    registration = Registration.objects.get()
    assert registration.status == Registration.PENDING
    assert_accessible(page)
    shot(page, "5-resubmitted")

    # The Secretariat approves; the organisation is published with the correction.
    page.context.clear_cookies()
    log_in(page, secretary)
    page.goto(reverse("wagtailadmin_pages:edit", args=[organisation.pk]))
    _approve_from_menu(page)
    shot(page, "6-approved-admin")
    organisation.refresh_from_db()
    assert organisation.live and organisation.krs == "0000424242"
    assert Registration.objects.get().status == Registration.APPROVED

    page.context.clear_cookies()
    page.goto(directory.url)
    assert page.get_by_role("main").get_by_text("Fundacja Świetlik").count() >= 1
