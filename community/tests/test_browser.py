"""Member updates, challenges, discussions and group documents in a real browser: accessible, usable without JS."""

import re

import pytest
from playwright.sync_api import expect

from community import discussions
from community import updates as service
from community.models import OrganisationUpdate
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from home.skeleton import site_home

pytestmark = pytest.mark.browser


@pytest.fixture
def content(browser_page, user_factory):
    """An organisation with a member, a working group with a coordinator, a thread, a challenge and an activity."""
    home = site_home()
    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home), title="Fundacja Ocalenie")
    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Edukacja", slug="edukacja")
    person = user_factory(first_name="Olena", last_name="Koordynatorka")
    MembershipFactory(user=person, organisation=organisation)
    appoint_coordinator(person, group)
    thread = discussions.start_thread(person, group, "Kursy języka polskiego", "Gdzie są wolne miejsca?")
    service.post_update(person, organisation, OrganisationUpdate.Kind.CHALLENGE,
                        "Brakuje tłumaczy przysięgłych języka ukraińskiego.", "pl")
    service.post_update(person, organisation, OrganisationUpdate.Kind.ACTIVITY, "Otworzyliśmy punkt porad.", "pl")
    return {"person": person, "thread": thread, "group": group}


def test_community_pages_are_accessible(browser_page, content, assert_accessible, log_in):
    page = browser_page
    for path in ("/pl/updates/", "/uk/challenges/", f"/en/updates/{OrganisationUpdate.objects.first().pk}/"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    # Filtering works without JavaScript: a plain GET form.
    page.goto("/pl/updates/")
    page.get_by_label("Rodzaj").select_option("challenge")
    page.get_by_role("button", name="Filtruj").click()
    # The click returns once the new page starts loading: wait for its list, not a half-parsed one.
    expect(page).to_have_url(re.compile(r"kind=challenge"))
    expect(page.locator("article.update")).to_have_count(OrganisationUpdate.objects.challenges().count())

    thread = content["thread"]
    log_in(page, content["person"])
    for path in (f"/pl/discussions/{thread.pk}/", f"/pl/discussions/groups/{thread.group.pk}/",
                 f"/pl/groups/{thread.group.pk}/documents/", "/pl/updates/new/"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    # "Text" is "Tekst" in Polish: the directory's catalogue comes first among the apps.
    page.locator("#id_text").fill("Nowe szkolenie z prawa pobytowego w Rzeszowie")
    page.get_by_role("button", name="Opublikuj").click()
    expect(page.locator("main")).to_contain_text("Nowe szkolenie z prawa pobytowego")
