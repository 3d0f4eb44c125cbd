"""The Secretariat role on a database that has only been migrated (no demo data): a person whose
only permission group is the Secretariat moderates registrations, translates pages (drafts until
translated and published), reviews library proposals, sends mailings and reads the audit log.
Every task goes through the admin's own URLs, signed in as that person, never as a superuser."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowState

from accounts.audit import record
from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY, secretariat_group
from digests.factories import MailingFactory, SubscriptionFactory
from digests.models import Mailing
from directory.factories import DirectoryIndexPageFactory
from directory.models import OrganisationPage, Registration
from directory.registration import ensure_registration_workflow
from directory.tests.test_registration import form_data
from home.factories import StandardPageFactory
from library.factories import LibraryIndexPageFactory
from library.models import ResourcePage
from library.tests.test_submissions import proposal
from library.workflow import WORKFLOW_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(user_factory):
    """A person in the Secretariat group only: no superuser, no other group."""
    user = user_factory(email="sekretariat@example.org", is_staff=False)
    user.groups.set([keyed(Group, SECRETARIAT_KEY)])
    return user


@pytest.fixture
def admin_client(client, secretary):
    client.force_login(secretary)
    return client


def test_roles_exist_after_migrate_with_polish_names_found_by_key():
    # root + home page in pl (migrations), uk and en (the starting tree: tests/database.py) only
    assert not OrganisationPage.objects.exists() and Page.objects.count() == 4
    group = keyed(Group, SECRETARIAT_KEY)
    assert group is not None and group.name == "Sekretariat" and group == secretariat_group()
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    for needed in [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation"),
                   ("digests", "send_mailing"), ("community", "change_report"),
                   ("directory", "change_registration"), ("groups", "change_groupmembership")]:
        assert needed in codenames
    # The library review: both steps reach the Secretariat (no step waits on an empty group).

    workflow = keyed(Workflow, WORKFLOW_KEY)
    assert workflow.name == "Recenzja zasobów biblioteki"
    for task in workflow.tasks:
        assert group in task.specific.groups.all()
    # Renaming a role's group in the admin creates no duplicate: the code finds it by key.
    group.name = "Sekretariat Forum"
    group.save()
    assert secretariat_group() == group and Group.objects.filter(name__startswith="Sekretariat").count() == 1


def test_secretariat_moderates_a_registration_in_the_admin(client, admin_client, secretary, home_page, user_factory,
                                                           django_capture_on_commit_callbacks):
    DirectoryIndexPageFactory(parent=home_page)
    ensure_registration_workflow()
    registrant = user_factory(email="olena@example.org")
    applicant = client.__class__()
    applicant.force_login(registrant)
    with django_capture_on_commit_callbacks(execute=True):
        assert applicant.post(reverse("directory:register"), form_data()).status_code == 302
    page = OrganisationPage.objects.get()
    assert "sekretariat@example.org" in [m.to[0] for m in mail.outbox]

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Fundacja Nowy Dom" in dashboard  # "Awaiting your review"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and Registration.objects.get().status == Registration.APPROVED


def test_secretariat_translates_a_page_and_it_stays_a_draft_until_published(admin_client, home_pages, locales,
                                                                           django_capture_on_commit_callbacks):
    from wagtail_localize.models import StringSegment, Translation

    source = StandardPageFactory(parent=home_pages["pl"], title="Zasady współpracy", slug="zasady-wspolpracy")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[source.pk]) in edit

    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
        {"locales": [locales["uk"].pk, locales["en"].pk]},
    )
    assert response.status_code == 302
    uk = source.get_translation(locales["uk"])
    en = source.get_translation(locales["en"])
    # Drafts: nobody reads Polish text under /uk/ or /en/ presented as a translation.
    assert not uk.live and not en.live
    assert admin_client.get("/uk/zasady-wspolpracy/").status_code == 404

    translation = Translation.objects.get(source__object_id=source.translation_key, target_locale=locales["uk"])
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = admin_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        "value=Правила+співпраці", content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[uk.pk]), {"action": "publish"})
    assert response.status_code == 302
    uk.refresh_from_db()
    en.refresh_from_db()
    assert uk.live and uk.title == "Правила співпраці"
    assert not en.live


def test_secretariat_reviews_a_library_proposal(client, admin_client, home_page, user_factory,
                                                django_capture_on_commit_callbacks):
    library = LibraryIndexPageFactory(parent=home_page, title="Biblioteka", slug="biblioteka")
    member = client.__class__()
    member.force_login(user_factory(email="member@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        assert member.post(library.url + "propose/", proposal()).status_code == 302
    page = ResourcePage.objects.get()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    # Both steps (editors' review, then approval) are the Secretariat's to take.
    for _step in range(2):
        state.refresh_from_db()
        task_state = state.current_task_state
        assert isinstance(task_state.task.specific, GroupApprovalTask)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        with django_capture_on_commit_callbacks(execute=True):
            assert admin_client.post(url, {"comment": ""}).status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_secretariat_sends_a_mailing(admin_client, secretary):
    mailing = MailingFactory()
    SubscriptionFactory(email="pl@example.org", language="pl")
    url = reverse("wagtailsnippets_digests_mailing:send", args=[mailing.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"action": "send", "confirm": "yes"})
    mailing.refresh_from_db()
    assert mailing.status == Mailing.SENT and mailing.sent_by == secretary
    assert "pl@example.org" in [m.to[0] for m in mail.outbox]


def test_secretariat_reads_the_audit_log_read_only(admin_client, secretary, user_factory):
    someone = user_factory(email="someone@example.org")
    someone.groups.add(Group.objects.create(name="Ktoś"))  # audited on the user (no rights on users needed)
    record(someone, "razem.data_export", user=secretary)
    menu = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("accounts_audit_log") in menu.content.decode()
    page = admin_client.get(reverse("accounts_audit_log"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "someone@example.org" in html or str(someone) in html
    assert html.count("<tr") >= 3  # header + the permission change + the export
    # Read-only: no way to change entries; a POST changes nothing and is not allowed.
    assert admin_client.post(reverse("accounts_audit_log")).status_code in (403, 405)


def test_the_audit_log_is_closed_to_others(client, user_factory):
    staff = user_factory(email="staff@example.org")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(reverse("accounts_audit_log")).status_code in (302, 403)
