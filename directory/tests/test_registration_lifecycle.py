"""The applicant's side of a registration, end to end: pending (view, edit, expected date, no second
registration), changes requested (comment shown, edit and resubmit), rejected for good (reason
shown, a page they can use), approved. The Secretariat acts as a Secretariat-only person."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from directory.models import OrganisationPage, Registration
from directory.permissions import is_manager
from directory.tests.test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client, user_factory, directory, django_capture_on_commit_callbacks):
    """A signed-in person who has just registered "Fundacja Nowy Dom"."""
    user = user_factory(email="olena@example.org", language="pl")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("directory:register"), form_data()).status_code == 302
    return user


@pytest.fixture
def secretary(secretariat_user):
    admin = Client()
    admin.force_login(secretariat_user)
    return admin


def workflow_action(secretary, page, action, comment=""):
    state = WorkflowState.objects.get(object_id=str(page.pk), status__in=["in_progress"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return secretary.post(url, {"comment": comment})


def test_pending_registration_can_be_viewed_and_edited_with_expected_date(client, applicant):
    page = OrganisationPage.objects.get()
    registration = Registration.objects.get()
    mine = client.get(reverse("directory:mine")).content.decode()
    assert f'id="registration-{registration.pk}"' in mine
    assert "czeka na moderację" in mine
    assert "pięciu dni roboczych" in mine  # the expected timeline, in Polish
    assert reverse("directory:edit", args=[page.pk]) in mine
    assert reverse("directory:register") not in mine  # no invitation to a duplicate

    # A second registration form is not offered: it leads back to the open one.
    response = client.get(reverse("directory:register"))
    assert response.status_code == 302 and f"#registration-{registration.pk}" in response["Location"]

    assert client.get(reverse("directory:edit", args=[page.pk])).status_code == 200
    response = client.post(reverse("directory:edit", args=[page.pk]), form_data(city="Chełm"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live and page.get_latest_revision_as_object().city == "Chełm"
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_changes_requested_then_resubmitted_then_approved(client, applicant, secretary,
                                                         django_capture_on_commit_callbacks):
    page = OrganisationPage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(secretary, page, "reject", "Dodajcie statut organizacji.")
    registration = Registration.objects.get()
    assert registration.status == Registration.CHANGES_REQUESTED
    to_applicant = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    assert len(to_applicant) == 1  # ours only: Wagtail's own e-mail links to the admin they cannot open
    assert "/admin/" not in to_applicant[0].body
    assert f"/pl/organisations/mine/#registration-{registration.pk}" in to_applicant[0].body

    mine = client.get(reverse("directory:mine")).content.decode()
    assert "Dodajcie statut organizacji." in mine and "Popraw i wyślij ponownie" in mine
    edit = client.get(reverse("directory:edit", args=[page.pk]))
    assert edit.status_code == 200 and "Dodajcie statut organizacji." in edit.content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory:edit", args=[page.pk]), form_data(krs="0000654321"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.PENDING
    assert "sekretariat@example.org" in [m.to[0] for m in mail.outbox]

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(secretary, page, "approve")
    page.refresh_from_db()
    registration.refresh_from_db()
    assert page.live and page.krs == "0000654321" and registration.status == Registration.APPROVED
    assert is_manager(applicant, page)


def test_final_rejection_shows_the_reason_on_a_page_the_applicant_can_use(client, applicant, secretary,
                                                                         django_capture_on_commit_callbacks):
    page = OrganisationPage.objects.get()
    registration = Registration.objects.get()
    url = reverse("registration:edit", args=[registration.pk])
    # No reason, no rejection; approving is the workflow's job.
    assert "reason" in secretary.post(url, {"status": "rejected", "reason": ""}).context["form"].errors
    assert "status" in secretary.post(url, {"status": "approved", "reason": ""}).context["form"].errors
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert secretary.post(url, {"status": "rejected", "reason": "To nie jest organizacja."}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.REJECTED
    assert not WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()
    [message] = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    assert "To nie jest organizacja." in message.body
    assert f"/pl/organisations/mine/#registration-{registration.pk}" in message.body

    mine = client.get("/pl/organisations/mine/")
    assert mine.status_code == 200 and "To nie jest organizacja." in mine.content.decode()
    # The old edit link leads back to that page, never to a bare 403.
    response = client.get(reverse("directory:edit", args=[page.pk]))
    assert response.status_code == 302 and response["Location"].endswith(reverse("directory:mine"))
    # They may register again.
    assert client.get(reverse("directory:register")).status_code == 200


def test_other_people_still_cannot_edit_a_registration(client, applicant, user_factory):
    page = OrganisationPage.objects.get()
    client.force_login(user_factory(email="someone@example.org"))
    assert client.get(reverse("directory:edit", args=[page.pk])).status_code == 403
