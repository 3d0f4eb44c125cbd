"""Registration end to end: submit, moderate, approve or reject, e-mails in the registrant's language."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from directory.models import Membership, OrganisationPage, Registration
from directory.permissions import is_manager
from directory.registration import ensure_registration_workflow

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Fundacja Nowy Dom",
        "legal_form": "foundation",
        "nip": "526-025-02-74",
        "krs": "0000123456",
        "website": "https://nowydom.example.org",
        "email": "biuro@nowydom.example.org",
        "city": "Lublin",
        "voivodeship": "lubelskie",
        "regions_served": ["lubelskie", "podkarpackie"],
        "sectors": ["housing", "legal-aid"],
        "target_groups": ["refugees-ukraine"],
        "languages": ["pl", "uk"],
        "description_pl": "Pomagamy znaleźć mieszkanie.",
        "description_uk": "Допомагаємо знайти житло.",
        "contact_name": "Olena Kowalczuk",
        "contact_email": "olena@nowydom.example.org",
    }
    data.update(overrides)
    return data


@pytest.fixture
def registrant(user_factory):
    return user_factory(email="olena@example.org", language="uk")


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks):
    """E-mails leave on commit; the test's transaction never commits, so run those callbacks by hand."""
    global committed
    committed = django_capture_on_commit_callbacks


def submit(client, registrant, **overrides):
    client.force_login(registrant)
    with committed(execute=True):
        return client.post(reverse("directory:register"), form_data(**overrides))


def test_anonymous_people_must_sign_in(client, directory):
    response = client.get(reverse("directory:register"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_submission_creates_a_draft_in_moderation(client, directory, registrant, secretariat_user):
    response = submit(client, registrant)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = OrganisationPage.objects.get()
    assert not page.live and page.nip == "5260250274"
    assert sorted(page.sectors.values_list("code", flat=True)) == ["housing", "legal-aid"]
    assert Registration.objects.get().status == Registration.PENDING
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == ensure_registration_workflow()
    recipients = {message.to[0]: message for message in mail.outbox}
    assert "Fundacja Nowy Dom" in recipients["olena@example.org"].subject
    # The registrant reads Ukrainian; the Secretariat gets its own notice.
    assert "Реєстрацію отримано" in recipients["olena@example.org"].subject
    assert "sekretariat@example.org" in recipients
    # Nothing public yet.
    assert client.get(directory.url).context["organisations"].paginator.count == 0


def test_approval_publishes_and_makes_the_registrant_manager(client, directory, registrant, secretariat_user):
    submit(client, registrant)
    page = OrganisationPage.objects.get()
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    with committed(execute=True):
        state.current_task_state.specific.approve(user=secretariat_user)
    page.refresh_from_db()
    assert page.live
    assert is_manager(registrant, page)
    assert Registration.objects.get().status == Registration.APPROVED
    uk = page.get_translations().get(locale__language_code="uk").specific
    assert uk.live and uk.description == "Допомагаємо знайти житло."
    assert any(m.to == ["olena@example.org"] and "схвалено" in m.subject.lower() for m in mail.outbox)
    assert client.get(directory.url).context["organisations"].paginator.count == 1


def test_request_for_changes_sends_the_reason(client, directory, registrant, secretariat_user):
    submit(client, registrant)
    page = OrganisationPage.objects.get()
    mail.outbox.clear()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    with committed(execute=True):
        state.current_task_state.specific.reject(user=secretariat_user, comment="Brak statutu / немає статуту")
    page.refresh_from_db()
    assert not page.live
    registration = Registration.objects.get()
    assert registration.status == Registration.CHANGES_REQUESTED  # Wagtail's "reject" asks for changes
    message = next(m for m in mail.outbox if m.to == ["olena@example.org"])
    assert "Brak statutu / немає статуту" in message.body
    assert not Membership.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"nip": "5260250275"}, "nip"),
        ({"krs": "12345"}, "krs"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"sectors": ["nonsense"]}, "sectors"),
        ({"voivodeship": "bavaria"}, "voivodeship"),
        ({"title": ""}, "title"),
        ({"founded_year": "2999"}, "founded_year"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, directory, registrant, overrides, field):
    response = submit(client, registrant, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not OrganisationPage.objects.exists() and not Registration.objects.exists()


def test_duplicate_nip_is_refused(client, directory, registrant, organisation_factory):
    organisation_factory(title="Istniejąca", nip="5260250274")
    response = submit(client, registrant)
    assert response.status_code == 200
    assert "Istniejąca" in str(response.context["form"].errors["nip"])
    assert OrganisationPage.objects.count() == 1


def test_non_image_logo_is_refused(client, directory, registrant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(registrant)
    fake = SimpleUploadedFile("logo.png", b"<script>not an image</script>", content_type="image/png")
    response = client.post(reverse("directory:register"), {**form_data(), "logo_file": fake})
    assert response.status_code == 200 and "logo_file" in response.context["form"].errors
    assert not OrganisationPage.objects.exists()


def test_bidi_controls_are_stripped(client, directory, registrant):
    submit(client, registrant, title="Fundacja \u202eevil")
    assert OrganisationPage.objects.get().title == "Fundacja evil"
