"""The main journeys across apps, in real Chromium, with axe-core on every page type they pass.

- A subscriber subscribes, confirms from the e-mail, and unsubscribes in one click from a digest.
- A member joins a working group and registers for a meeting; another one lands on the waitlist
  and is promoted when the first cancels.
- A coordinator edits their group's pages in the Wagtail admin and cannot edit another group's.
- A person registers an organisation, an editor approves it in the Wagtail admin, and it appears
  in the directory and in search.

Forms are found by their action URLs (not by their translated labels) so that a reworded button
does not break a journey; the pages are the Polish ones.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import SECRETARIAT
from digests import delivery
from digests.models import Subscription
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory, make_nip
from directory.models import OrganisationPage
from directory.registration import ensure_registration_workflow
from groups.factories import GroupContentPageFactory, GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from groups.models import MeetingRegistration, WorkingGroupPage
from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.models import Voivodeship

pytestmark = pytest.mark.browser


def path_of(url):
    """The site-relative part of an absolute link from an e-mail."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def submit(page, action):
    """Click the submit button of the form posting to `action`."""
    page.locator(f"form[action='{action}'] button[type=submit]").click()


# ---------------------------------------------------------------- subscriber

def test_subscriber_subscribes_confirms_and_unsubscribes_in_one_click(browser_page, assert_accessible, home_page):
    page = browser_page
    page.goto(reverse("digests:subscribe"))
    assert_accessible(page)
    page.locator("input[name=email]").fill("Czytelniczka@Example.org")
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)
    subscription = Subscription.objects.get(email="czytelniczka@example.org")
    assert subscription.status == Subscription.PENDING  # nothing is sent before the confirmation

    [confirmation] = mail.outbox
    link = re.search(r"https?://\S+/digests/confirm/\S+", confirmation.body).group(0)
    page.goto(path_of(link))
    assert_accessible(page)  # opening the link shows a button: mail scanners confirm nothing
    subscription.refresh_from_db()
    assert subscription.status == Subscription.PENDING
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.ACTIVE

    # A digest arrives; its unsubscribe link works with one click.
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), title="Nowy punkt pomocy prawnej")
    published = timezone.now() - datetime.timedelta(minutes=1)
    type(news).objects.filter(pk=news.pk).update(first_published_at=published, last_published_at=published)
    mail.outbox.clear()
    delivery.plan_digest("weekly", now=timezone.now() + datetime.timedelta(days=7))  # this week, complete
    [digest] = mail.outbox
    assert "Nowy punkt pomocy prawnej" in digest.body
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>").split(">")[0]
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(path_of(unsubscribe))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # the one click
    assert_accessible(page)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED


# ---------------------------------------------------------------- member, meeting, waitlist

@pytest.fixture
def working_group(browser_page, home_page, user_factory):
    """An open working group with a one-seat meeting; two members of a registered organisation."""
    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home_page), title="Fundacja Most")
    members = [user_factory(email=f"{name}@example.org", first_name=name.title()) for name in ("olena", "marta")]
    for person in members:
        MembershipFactory(organisation=organisation, user=person)
    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page), title="Edukacja",
                                    slug="edukacja", join_policy=WorkingGroupPage.JoinPolicy.OPEN)
    meeting = MeetingPageFactory(parent=group, title="Spotkanie grupy edukacja", slug="spotkanie", capacity=1)
    return group, meeting, members


def test_member_joins_a_group_registers_and_the_waitlist_moves(browser_page, assert_accessible, log_in,
                                                               working_group):
    group, meeting, (olena, marta) = working_group
    page = browser_page
    log_in(page, olena)
    page.goto(group.url)
    assert_accessible(page)
    submit(page, reverse("groups:join", args=[group.pk]))
    assert page.locator(f"a[href='{reverse('groups:members', args=[group.pk])}']").count() == 1  # a member now
    assert_accessible(page)
    page.goto(meeting.url)
    assert_accessible(page)
    page.locator("#reg-interpretation").select_option("uk")
    page.locator("#reg-share").check()  # interpretation needs are passed on only with consent
    submit(page, reverse("groups:register", args=[meeting.pk]))
    assert_accessible(page)
    assert page.locator(f"form[action='{reverse('groups:cancel', args=[meeting.pk])}']").count() == 1
    assert MeetingRegistration.objects.get(user=olena).is_confirmed

    # The only seat is taken: the next person goes on the waitlist.
    page.context.clear_cookies()
    log_in(page, marta)
    page.goto(meeting.url)
    submit(page, reverse("groups:register", args=[meeting.pk]))
    assert_accessible(page)
    assert not MeetingRegistration.objects.get(user=marta).is_confirmed

    # Olena cancels; Marta gets the seat and an e-mail.
    page.context.clear_cookies()
    log_in(page, olena)
    page.goto(meeting.url)
    mail.outbox.clear()
    submit(page, reverse("groups:cancel", args=[meeting.pk]))
    assert_accessible(page)
    assert MeetingRegistration.objects.get(user=marta).is_confirmed
    assert [message.to for message in mail.outbox if message.to == [marta.email]]


# ---------------------------------------------------------------- coordinator in the admin

def test_coordinator_edits_only_their_groups_pages(browser_page, assert_accessible, log_in, working_group,
                                                   user_factory):
    group, _meeting, _members = working_group
    own_page = GroupContentPageFactory(parent=group, title="Notatki grupy", slug="notatki")
    other_group = WorkingGroupPageFactory(parent=group.get_parent(), title="Mieszkalnictwo", slug="mieszkalnictwo")
    other_page = GroupContentPageFactory(parent=other_group, title="Notatki innej grupy", slug="inne")
    coordinator = user_factory(email="koordynatorka@example.org")
    appoint_coordinator(coordinator, group)

    page = browser_page
    log_in(page, coordinator)
    page.goto(reverse("wagtailadmin_pages:edit", args=[own_page.pk]))
    title = page.locator("#id_title")
    title.fill("Notatki grupy — poprawione")
    footer_action(page, page.locator("button[name=action-publish]").first)
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    own_page.refresh_from_db()
    assert own_page.title == "Notatki grupy — poprawione" and own_page.live

    # Another group's page: Wagtail refuses (back to the dashboard with a message); nothing changes.
    page.goto(reverse("wagtailadmin_pages:edit", args=[other_page.pk]))
    assert page.locator("#id_title").count() == 0
    assert not page.url.endswith(f"/pages/{other_page.pk}/edit/")
    other_page.refresh_from_db()
    assert other_page.title == "Notatki innej grupy"


def footer_action(page, button):
    """Click an action of Wagtail's editor footer, opening its "more actions" dropdown when needed."""
    if not button.is_visible():
        page.locator(".w-dropdown-button [data-w-dropdown-target=toggle]").last.click()
    button.click()


# ---------------------------------------------------------------- organisation registration

def test_registered_organisation_is_approved_in_the_admin_and_found(browser_page, assert_accessible, log_in,
                                                                     home_page, user_factory):
    from django.contrib.auth.models import Group

    directory = DirectoryIndexPageFactory(parent=home_page)
    ensure_registration_workflow()
    registrant = user_factory(email="prezeska@example.org")
    editor = user_factory(email="redaktorka@example.org")
    editor.groups.add(Group.objects.get(name=SECRETARIAT))

    page = browser_page
    log_in(page, registrant)
    page.goto(reverse("directory:register"))
    assert_accessible(page)
    page.locator("input[name=name], input[name=title]").first.fill("Fundacja Świetlik")
    _fill_registration(page)
    page.locator("main form button[type=submit]").last.click()
    assert_accessible(page)  # "My organisation" with the pending registration
    organisation = OrganisationPage.objects.get(title="Fundacja Świetlik")
    assert not organisation.live

    page.context.clear_cookies()
    log_in(page, editor)
    page.goto(reverse("wagtailadmin_pages:edit", args=[organisation.pk]))
    _approve_from_menu(page)
    organisation.refresh_from_db()
    assert organisation.live

    page.context.clear_cookies()
    page.goto(directory.url)
    assert page.get_by_role("main").get_by_text("Fundacja Świetlik").count() >= 1
    assert_accessible(page)
    page.goto(reverse("search") + "?q=%C5%9Awietlik")
    assert page.get_by_role("main").get_by_text("Fundacja Świetlik").count() >= 1
    assert_accessible(page)
    page.goto(organisation.url)
    assert_accessible(page)


def _fill_registration(page):
    """The registration form's required fields besides the name."""
    fields = {"city": "Lublin", "nip": make_nip(4242), "description": "Świetlica dla dzieci z Ukrainy.",
              "contact_name": "Anna Prezes", "contact_email": "prezeska@example.org"}
    for name, value in fields.items():
        field = page.locator(f"main [name={name}]")
        if field.count():
            field.first.fill(value)
    for name, value in (("voivodeship", "lubelskie"), ("legal_form", "foundation")):
        select = page.locator(f"main select[name={name}]")
        if select.count():
            select.select_option(label=None, value=_option_value(select, value))
    sector = page.locator("main input[name=sectors]")
    if sector.count():
        sector.first.check()


def _option_value(select, code):
    """The <option> value for a vocabulary code (primary keys for model choices, codes otherwise)."""
    values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    if code in values:
        return code
    return str(Voivodeship.objects.get(code=code).pk)


def _approve_from_menu(page):
    """Wagtail's footer: the workflow's Approve action (the dropdown of the editor's actions)."""
    footer_action(page, page.locator("button[name=action-workflow-action][value=approve], "
                                     "button[data-workflow-action-name=approve]").first)
    page.wait_for_load_state()
