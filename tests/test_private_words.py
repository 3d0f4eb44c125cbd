"""#17: a person's own words are read only by the people they were written for.

One test per field that holds what a person wrote to someone (a partnership proposal's message,
a request to join a group, a meeting registration's accessibility needs, the Secretariat's reason
for rejecting a registration, a coordinator's reason for hiding a post, the editors' reason for
hiding an update, a reader's report of a post or of an update, a proposal's note for the library
editors). Each writes a unique
marker through the real service, then reads every surface as each kind of reader: the pages of
that thing, the site search and the search API (database engine: the complete copy), every open
data API list, the calendar feeds, the sitemap; and checks who was e-mailed the words.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.roles import SECRETARIAT
from community import discussions
from community.models import OrganisationUpdate, Thread
from community.updates import hide_update, post_update, report_update
from directory.factories import (
    DirectoryIndexPageFactory,
    MembershipFactory,
    OrganisationPageFactory,
    SupportItemFactory,
)
from directory.models import Membership, Registration
from directory.support import propose_partnership
from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator, request_to_join
from groups.models import WorkingGroupPage
from groups.registration import register
from library.factories import LibraryIndexPageFactory
from library.submissions import create_proposal
from library.workflow import library_editors

pytestmark = pytest.mark.django_db

COMMON_SURFACES = [
    "/pl/", "/api/v1/organisations", "/api/v1/groups", "/api/v1/meetings", "/sitemap.xml",
    "/pl/groups/calendar.ics", "/pl/needs-offers/", "/pl/updates/",
]


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.ELASTICSEARCH_URL = ""  # the database engine: searches the whole copy, indexed on commit
    settings.SEARCH_API_RATES = {"search": "10000/min", "autocomplete": "10000/min"}


def surfaces(marker, *specific):
    return [*specific, *COMMON_SURFACES, f"/pl/search/?q={marker}", f"/api/v1/search?q={marker}"]


def words(marker, text):
    """What the person writes: the searched `marker`, then its mirror image, the string looked for
    in every answer (the search page echoes the query, never the mirror image unless it found the text)."""
    return f"{marker} {seen(marker)}: {text}"


def seen(marker):
    return marker[::-1]


def readers_of(marker, urls, people):
    """{reader name: [urls whose answer holds the written words]} for each reader (None: anonymous)."""
    found, marker = {}, seen(marker)
    for name, user in people.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        found[name] = [url for url in urls if marker in client.get(url).content.decode(errors="replace")]
    return found


def mailed(marker):
    """Addresses of the e-mails (text or HTML) that hold the written words."""
    marker = seen(marker)
    return {address for message in mail.outbox
            if marker in message.body or any(marker in body for body, _type in getattr(message, "alternatives", []))
            for address in message.to}


def assert_only(found, allowed):
    leaked = {name: urls for name, urls in found.items() if urls and name not in allowed}
    assert not leaked, f"read by people it was not written for: {leaked}"
    missing = [name for name in allowed if not found[name]]
    assert not missing, f"the people it was written for cannot read it: {missing}"


@pytest.fixture
def directory_world(home_page, user_factory):
    """Two organisations with a need and an offer, their members, an outsider and the Secretariat."""
    from django.contrib.auth.models import Group

    index = DirectoryIndexPageFactory(parent=home_page)
    asking = OrganisationPageFactory(parent=index, title="Fundacja Pyta")
    giving = OrganisationPageFactory(parent=index, title="Stowarzyszenie Daje")
    other = OrganisationPageFactory(parent=index, title="Inna Organizacja")
    people = {
        "anonymous": None,
        "asker": MembershipFactory(organisation=asking, role=Membership.MANAGER).user,
        "giver": MembershipFactory(organisation=giving, role=Membership.MANAGER).user,
        "other member": MembershipFactory(organisation=other).user,
        "signed-in": user_factory(),
        "secretariat": user_factory(),
    }
    people["secretariat"].groups.add(Group.objects.get(name=SECRETARIAT))
    need = SupportItemFactory(organisation=asking, kind="need", title="Czynsz", nationwide=True)
    offer = SupportItemFactory(organisation=giving, kind="offer", title="Grant", nationwide=True)
    return {"people": people, "need": need, "offer": offer, "organisations": (asking, giving)}


def test_a_partnership_proposals_message(directory_world, django_capture_on_commit_callbacks):
    world, marker = directory_world, "Wiadomosczpropozycji"
    people = world["people"]
    with django_capture_on_commit_callbacks(execute=True):
        propose_partnership(people["asker"], world["need"], world["offer"], words(marker, "nasz numer 600 100 200"))
    pages = [reverse("directory:item", args=[item.pk]) for item in (world["need"], world["offer"])]
    pages += [organisation.url for organisation in world["organisations"]]
    found = readers_of(marker, surfaces(marker, *pages), people)
    assert_only(found, {"asker", "giver", "secretariat"})
    assert mailed(marker) == {people["giver"].email}  # the receiving organisation's managers


@pytest.fixture
def group_world(home_page, user_factory):
    from django.contrib.auth.models import Group

    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home_page), title="Fundacja")
    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page), title="Edukacja",
                                    slug="edukacja", join_policy=WorkingGroupPage.JoinPolicy.OPEN)
    people = {
        "anonymous": None,
        "person": MembershipFactory(organisation=organisation).user,
        "coordinator": user_factory(),
        "group member": MembershipFactory(organisation=organisation).user,
        "signed-in": user_factory(),
        "secretariat": user_factory(),
    }
    people["secretariat"].groups.add(Group.objects.get(name=SECRETARIAT))
    appoint_coordinator(people["coordinator"], group)
    request_to_join(people["group member"], group, organisation=organisation)
    meeting = MeetingPageFactory(parent=group, slug="spotkanie", capacity=10)
    return {"people": people, "group": group, "meeting": meeting, "organisation": organisation}


def test_a_request_to_join_a_groups_message(group_world, django_capture_on_commit_callbacks):
    world, marker = group_world, "Prosbaodolaczenie"
    group = world["group"]
    WorkingGroupPage.objects.filter(pk=group.pk).update(join_policy=WorkingGroupPage.JoinPolicy.REQUEST)
    group.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        request_to_join(world["people"]["person"], group, words(marker, "pracuję z dziećmi"),
                        organisation=world["organisation"])
    pages = [group.url, reverse("groups:members", args=[group.pk]),
             reverse("community:group_threads", args=[group.pk])]
    found = readers_of(marker, surfaces(marker, *pages), world["people"])
    assert_only(found, {"coordinator", "secretariat"})
    assert mailed(marker) <= {world["people"]["coordinator"].email, world["people"]["secretariat"].email}


def test_a_meeting_registrations_accessibility_needs(group_world, django_capture_on_commit_callbacks):
    world, marker = group_world, "Potrzebadostepnosci"
    meeting = world["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        register(world["people"]["person"], meeting, accessibility_needs=words(marker, "wózek"))
    pages = [meeting.url, reverse("groups:participants_csv", args=[meeting.pk]),
             reverse("groups:attendance", args=[meeting.pk]), reverse("groups:meeting_ics", args=[meeting.pk]),
             reverse("groups:group_calendar", args=[world["group"].pk]), "/pl/privacy/"]
    found = readers_of(marker, surfaces(marker, *pages), world["people"])
    # The organisers (coordinators, Secretariat) prepare the room; the person sees their own data.
    assert not {name for name, urls in found.items() if urls} - {"person", "coordinator", "secretariat"}, found
    assert found["coordinator"], found
    assert mailed(marker) <= {world["people"]["person"].email}


def test_the_secretariats_reason_for_rejecting_a_registration(directory_world):
    world, marker = directory_world, "Powododrzucenia"
    people = world["people"]
    organisation = world["organisations"][0]
    Registration.objects.create(organisation=organisation, user=people["asker"], status=Registration.REJECTED,
                                reason=words(marker, "brak statutu"))
    organisation.unpublish()
    pages = [reverse("directory:mine"), organisation.url or "/pl/", "/api/v1/organisations"]
    found = readers_of(marker, surfaces(marker, *pages), people)
    assert not {name for name, urls in found.items() if urls} - {"asker", "secretariat"}, found
    assert found["asker"], found


def test_a_coordinators_reason_for_hiding_a_post(group_world):
    world, marker = group_world, "Powodukrycia"
    people, group = world["people"], world["group"]
    thread = discussions.start_thread(people["coordinator"], group, "Otwarta", "Dla wszystkich",
                                      visibility=Thread.Visibility.REGISTERED)
    post = discussions.reply(people["group member"], thread, "Niestosowny wpis")
    discussions.hide(people["coordinator"], post, words(marker, "obraźliwy"))
    pages = [reverse("community:thread", args=[thread.pk]), reverse("community:group_threads", args=[group.pk])]
    found = readers_of(marker, surfaces(marker, *pages), people)
    assert_only(found, {"coordinator", "secretariat"})


def test_the_editors_reason_for_hiding_an_update(directory_world, django_capture_on_commit_callbacks):
    world, marker = directory_world, "Powodukryciaaktualnosci"
    people = world["people"]
    update = post_update(people["asker"], world["organisations"][0], OrganisationUpdate.Kind.ACTIVITY,
                         "Otworzyliśmy punkt porad", "pl")
    with django_capture_on_commit_callbacks(execute=True):
        hide_update(people["secretariat"], update, words(marker, "to reklama"))
    pages = [reverse("community:update", args=[update.pk]), "/admin/community_updates/"]
    found = readers_of(marker, surfaces(marker, *pages), people)
    assert_only(found, {"secretariat"})
    assert mailed(marker) == {people["asker"].email}  # the author hears why, by e-mail only


def test_a_readers_report_of_a_post(group_world, django_capture_on_commit_callbacks):
    world, marker = group_world, "Zgloszeniewpisu"
    people, group = world["people"], world["group"]
    thread = discussions.start_thread(people["coordinator"], group, "Otwarta", "Dla wszystkich",
                                      visibility=Thread.Visibility.REGISTERED)
    post = discussions.reply(people["group member"], thread, "Wpis do zgłoszenia")
    with django_capture_on_commit_callbacks(execute=True):
        discussions.report(people["person"], post, words(marker, "to spam"))
    pages = [reverse("community:thread", args=[thread.pk]), reverse("community:group_threads", args=[group.pk]),
             "/admin/community_reports/"]
    found = readers_of(marker, surfaces(marker, *pages), people)
    # The group's coordinators and the Secretariat handle it; the reported author never reads who said what.
    assert_only(found, {"coordinator", "secretariat"})
    assert mailed(marker) <= {people["coordinator"].email, people["secretariat"].email}


def test_a_readers_report_of_an_update(directory_world, django_capture_on_commit_callbacks):
    world, marker = directory_world, "Zgloszenieaktualnosci"
    people = world["people"]
    update = post_update(people["asker"], world["organisations"][0], OrganisationUpdate.Kind.ACTIVITY,
                         "Szukamy wolontariuszy", "pl")
    with django_capture_on_commit_callbacks(execute=True):
        report_update(people["other member"], update, words(marker, "nieprawdziwe dane"))
    pages = [reverse("community:update", args=[update.pk]), reverse("community:updates"), "/admin/community_reports/"]
    found = readers_of(marker, surfaces(marker, *pages), people)
    assert_only(found, {"secretariat"})  # reports of member updates are the Secretariat's
    assert mailed(marker) <= {people["secretariat"].email}


def test_a_proposals_note_for_the_library_editors(directory_world, home_page, user_factory,
                                                  django_capture_on_commit_callbacks):
    world, marker = directory_world, "Notadlaredakcji"
    people = {**world["people"], "library editor": user_factory()}
    people["library editor"].groups.add(library_editors())
    library = LibraryIndexPageFactory(parent=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        submission = create_proposal(library, people["asker"], {
            "title": "Poradnik najmu", "resource_type": "guide", "summary": "Jak wynająć mieszkanie.",
            "note": words(marker, "jestem prawniczką, proszę o kontakt pod 600 100 200")})
    pages = [library.url, reverse("wagtailsnippets_library_resourcesubmission:inspect", args=[submission.pk]),
             reverse("wagtailsnippets_library_resourcesubmission:list"), "/pl/privacy/"]
    found = readers_of(marker, surfaces(marker, *pages), people)
    # The library's editors review it; the proposer wrote it (their own data).
    assert not {name for name, urls in found.items() if urls} - {"asker", "library editor"}, found
    assert found["library editor"], found
    assert mailed(marker) <= {people["asker"].email, people["library editor"].email}
