"""Issue 12 requirement by requirement where the other tests leave a gap: the export holds every kind
of personal data (and nothing of others), each listed action is in the administrators' audit report,
a withdrawn meeting-data consent stops the data's use, the retention task is scheduled and logs its
counts, repeated erasure requests are refused clearly."""

import datetime
import json
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.log_actions import registry as log_registry
from wagtail.models import WorkflowState

from accounts.consent import record_consent
from accounts.factories import LegalPageFactory
from accounts.models import ConsentRecord, DataExport, User
from accounts.privacy import erase_user
from accounts.roles import SECRETARIAT
from accounts.tasks import purge_expired_personal_data
from community import discussions
from community import updates as member_updates
from community.models import OrganisationUpdate, Thread, ThreadSubscription
from digests.delivery import plan_mailing
from digests.factories import MailingFactory, SubscriptionFactory
from directory.factories import MembershipFactory, make_nip
from directory.models import Invitation, Membership, OrganisationPage
from directory.tests.conftest import secretariat_user  # noqa: F401 — fixture
from directory.tests.test_registration import form_data
from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.membership import request_to_join
from groups.models import MeetingRegistration, WorkingGroupPage
from groups.registration import register
from groups.tests.conftest import member_factory, organisation  # noqa: F401 — fixtures
from home.factories import PASSWORD
from library.models import ResourcePage, ResourceSubmission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def personal_world(prefix, member_factory, organisation, group, meeting):  # noqa: F811
    """A person with data of every kind the site keeps, their names starting with `prefix`."""
    person = member_factory(first_name=f"{prefix}imię", last_name=f"{prefix}nazwisko", email=f"{prefix}@example.org")
    Membership.objects.filter(user=person).update(notify_matches=False)
    Invitation.objects.create(organisation=organisation, email=f"{prefix}.colleague@example.org", invited_by=person)
    request_to_join(person, group, message=f"{prefix} chce dołączyć")
    register(person, meeting, organisation_name=organisation.title, interpretation="uk",
             accessibility_needs=f"{prefix}: podjazd dla wózka")
    record_consent(person, ConsentRecord.Purpose.MEETING_DATA, f"{prefix} zgoda na dane",
                   ConsentRecord.Method.MEETING, version="1")
    SubscriptionFactory(email=f"{prefix}@example.org", user=person, saved_search=f"q={prefix}")
    record_consent(person, ConsentRecord.Purpose.DIGESTS, "Zgoda na biuletyn", ConsentRecord.Method.SUBSCRIPTION,
                   version="2")
    thread = discussions.start_thread(person, group, f"{prefix} wątek", f"{prefix} pierwszy wpis",
                                      visibility=Thread.Visibility.REGISTERED)
    ThreadSubscription.objects.filter(user=person, thread=thread).update(mode="daily")
    member_updates.post_update(person, organisation, OrganisationUpdate.Kind.ACTIVITY, f"{prefix} aktualność", "pl")
    library = organisation.get_parent()  # any page can hold a draft resource here
    page = library.add_child(instance=ResourcePage(title=f"{prefix} poradnik", slug=f"{prefix}-poradnik",
                                                   live=False, resource_type="guide"))
    ResourceSubmission.objects.create(page=page, contributor=person, note=f"{prefix} notatka")
    return person


@pytest.fixture
def group(home_page):
    return WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page), title="Edukacja",
                                   slug="edukacja", join_policy=WorkingGroupPage.JoinPolicy.OPEN)


@pytest.fixture
def meeting(group):
    return MeetingPageFactory(parent=group, slug="spotkanie", capacity=10)


def test_export_holds_every_kind_of_personal_data_and_nothing_of_others(
        client, member_factory, organisation, group, meeting):  # noqa: F811
    person = personal_world("anka", member_factory, organisation, group, meeting)
    personal_world("borys", member_factory, organisation, group, meeting)
    client.force_login(person)
    client.post("/pl/privacy/export/")
    export = DataExport.objects.get(user=person)
    response = client.get(f"/pl/privacy/export/{export.token}/")
    data = json.loads(response.content)
    kinds = {
        "account": data["accounts"]["account"]["email"],
        "consents (terms, digests, meeting data: version, way, time)": [
            (c["purpose"], c["version"], c["method"]) for c in data["accounts"]["consents"]],
        "organisation memberships and their notification setting": data["directory"]["memberships"],
        "invitations sent": data["directory"]["invitations"],
        "group memberships": data["groups"]["group_memberships"],
        "meeting registrations with needs": data["groups"]["meeting_registrations"],
        "subscriptions with preferences": data["digests"]["subscriptions"],
        "threads": data["community"]["threads"], "posts": data["community"]["posts"],
        "followed threads (notification mode)": data["community"]["followed_threads"],
        "member updates": data["community"]["member_updates"],
        "library submissions": data["library"]["submissions"],
    }
    assert all(kinds.values()), [name for name, value in kinds.items() if not value]
    assert ("meeting-data", "1", "meeting-form") in kinds["consents (terms, digests, meeting data: version, way, time)"]
    assert data["directory"]["memberships"][0]["notify_matches"] is False
    assert data["groups"]["meeting_registrations"][0]["accessibility_needs"] == "anka: podjazd dla wózka"
    assert data["community"]["followed_threads"][0]["mode"] == "daily"
    assert data["library"]["submissions"][0]["note"] == "anka notatka"
    text = response.content.decode()
    assert "anka" in text and "borys" not in text
    page = client.get(f"/pl/privacy/export/{export.token}/?format=html").content.decode()
    assert "anka notatka" in page and "borys" not in page


def test_the_audit_report_shows_each_listed_action_to_administrators_only(
        client, user_factory, member_factory, organisation, group, secretariat_user,  # noqa: F811
        django_capture_on_commit_callbacks):
    # Registrations approved and rejected (Wagtail's workflow log, reused).
    for n, (title, decision) in enumerate((("Fundacja Zatwierdzona", "approve"), ("Fundacja Odrzucona", "reject"))):
        client.force_login(user_factory())
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/pl/organisations/register/", form_data(title=title, nip=make_nip(900 + n),
                                                                             krs=""))
        assert response.status_code == 302, response.context["form"].errors
        state = WorkflowState.objects.get(object_id=str(OrganisationPage.objects.get(title=title).pk))
        with django_capture_on_commit_callbacks(execute=True):
            getattr(state.current_task_state.specific, decision)(user=secretariat_user)
    person = member_factory(email="audited@example.org")  # membership change
    MembershipFactory(organisation=organisation, user=user_factory()).delete()  # membership removal
    person.groups.add(Group.objects.get(name=SECRETARIAT))  # permission change
    client.force_login(person)
    client.post("/pl/privacy/export/")  # export
    request_to_join(person, group)
    thread = discussions.start_thread(person, group, "Wątek", "Wpis")
    discussions.hide(secretariat_user, thread.posts.get(), "Spam")  # hidden post
    plan_mailing(MailingFactory().pk, user=secretariat_user, send=False)  # mailing sent
    erase_user(user_factory(), actor=secretariat_user)  # erasure

    admin = user_factory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/audit-log/").status_code == 200
    csv = b"".join(client.get("/admin/audit-log/?export=csv").streaming_content).decode()
    listed = ["wagtail.workflow.approve", "wagtail.workflow.reject", "razem.membership_change",
              "razem.membership_remove", "razem.permission_change", "razem.data_export", "razem.post_hidden",
              "razem.mailing_sent", "razem.erasure"]
    with translation.override("pl"):  # the admin speaks Polish by default
        labels = {action: str(log_registry.get_action_label(action)) for action in listed}
    missing = [action for action, label in labels.items() if label not in csv]
    assert not missing, (missing, csv)
    # The Secretariat reads the same report, every listed action included (#20: read-only view).
    client.force_login(secretariat_user)
    csv = b"".join(client.get("/admin/audit-log/?export=csv").streaming_content).decode()
    assert not [action for action, label in labels.items() if label not in csv]
    # Other staff see none of it.
    staff = user_factory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/audit-log/").status_code in (302, 403)
    assert client.get("/admin/audit-log/?export=csv").status_code in (302, 403)


def test_withdrawing_the_meeting_data_consent_blanks_the_needs(client, member_factory, organisation,  # noqa: F811
                                                              group, meeting):
    from wagtail.models import ModelLogEntry

    person = personal_world("cezary", member_factory, organisation, group, meeting)
    client.force_login(person)
    response = client.post("/en/privacy/consents/meeting-data/withdraw/", follow=True)
    assert "Your consent has been withdrawn." in response.content.decode()
    registration = MeetingRegistration.objects.get(user=person)
    assert (registration.interpretation, registration.accessibility_needs) == ("", "")
    assert registration.status == MeetingRegistration.Status.CONFIRMED  # the seat itself stays
    entry = ModelLogEntry.objects.get(action="razem.consent_withdrawn", object_id=str(person.pk))
    assert entry.data["counts"]["groups"] == 1
    # Withdrawing again changes nothing and logs nothing more.
    client.post("/en/privacy/consents/meeting-data/withdraw/")
    assert ModelLogEntry.objects.filter(action="razem.consent_withdrawn", object_id=str(person.pk)).count() == 1


def test_the_retention_task_is_scheduled_and_logs_its_counts(caplog, user_factory):
    from django_q.models import Schedule

    call_command("setup_schedules", stdout=StringIO())
    schedule = Schedule.objects.get(name="accounts.purge_expired_personal_data")
    assert schedule.func == "accounts.tasks.purge_expired_personal_data" and schedule.schedule_type == Schedule.DAILY
    user = user_factory()
    DataExport.objects.create(user=user, token="old", status="ready", content={},
                              expires_at=timezone.now() - datetime.timedelta(hours=1))
    with caplog.at_level(logging.INFO, logger="accounts.privacy"):
        counts = purge_expired_personal_data()
    assert counts["accounts"]["expired_exports"] == 1
    assert "retention purge" in caplog.text and "'expired_exports': 1" in caplog.text


def test_repeated_erasure_requests_are_refused_clearly(client, user_factory):
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    user_factory(email="twice@example.org")
    client.force_login(editor)
    first = client.post("/admin/erase-person/", {"email": "twice@example.org", "confirm": "on"})
    assert first.status_code == 302
    again = client.post("/admin/erase-person/", {"email": "twice@example.org", "confirm": "on"})
    assert again.status_code == 200
    assert "Nobody has an account with this e-mail address." in again.content.decode() or \
        "Nikt nie ma konta z tym adresem e-mail." in again.content.decode()
    # The erased person cannot log in to ask again: their address and password are gone.
    client.logout()
    client.post("/pl/accounts/login/", {"login": "twice@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/pl/privacy/delete/")["Location"].startswith("/pl/accounts/login/")


def test_membership_changes_on_the_public_site_are_audited_with_who_did_them(
        client, member_factory, organisation, group):  # noqa: F811
    from django.urls import reverse
    from wagtail.models import ModelLogEntry

    person = member_factory()
    client.force_login(person)
    with translation.override("pl"):
        url = reverse("groups:join", args=[group.pk])
    response = client.post(url, {"organisation": organisation.pk, "message": ""})
    assert response.status_code == 302
    entry = ModelLogEntry.objects.filter(action="razem.membership_change",
                                         content_type__app_label="groups").latest("timestamp")
    assert entry.user_id == person.pk  # who, what (the entry), when (its timestamp)


def test_sign_up_consent_records_the_live_versions_text_time_and_way(client, home_page):
    from django.core.cache import cache

    LegalPageFactory(parent=home_page, slug="regulamin", kind="terms", version="2026-11")
    LegalPageFactory(parent=home_page, slug="prywatnosc", kind="privacy", version="3", title="Polityka prywatności")
    cache.clear()
    before = timezone.now()
    password = "Ukraina-Polska-2026!"
    client.post("/en/accounts/signup/", {"email": "nowa@example.org", "password1": password, "password2": password,
                                         "accept_terms": "on"})
    consents = {c.purpose: c for c in User.objects.get(email="nowa@example.org").consents.all()}
    assert {purpose: consent.version for purpose, consent in consents.items()} == {"terms": "2026-11",
                                                                                   "privacy": "3"}
    for consent in consents.values():
        assert consent.method == ConsentRecord.Method.SIGNUP and consent.text and consent.given_at >= before
