"""Member organisations submit innovations; the Secretariat reviews them in a workflow before publication."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from innovations.models import InnovationPage, InnovationSubmission
from innovations.submissions import SUBMITTED_COLLECTION, submitted_collection
from innovations.workflow import WORKFLOW_NAME
from library.demo_files import pdf_bytes

pytestmark = pytest.mark.django_db


def submission(organisation, **extra):
    data = {
        "organisation": organisation.pk, "title": "Mentoring <b>zawodowy</b>",
        "summary": "Mentorki pomagają kobietom z Ukrainy wrócić do zawodu <script>alert(1)</script>",
        "problem": "Kobiety pracują poniżej kwalifikacji.", "solution": "Cotygodniowe spotkania i mentoring.",
        "context": "Kraków, kobiety z Ukrainy", "sectors": ["employment"], "target_groups": ["women"],
        "regions": ["malopolskie"], "stage": "pilot", "results": "40 z 62 uczestniczek znalazło pracę.",
        "people_reached": "62", "evaluation": "internal", "cost_band": "20k-100k",
        "requirements": "Koordynatorka na pół etatu i sala.", "contact_name": "Anna Kowalska",
        "contact_email": "anna@example.org",
        "files": [SimpleUploadedFile("ewaluacja.pdf", pdf_bytes(["Ewaluacja programu"]))],
    }
    data.update(extra)
    return data


def submit_url(world):
    return world.catalogue.url + "submit/"


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(submit_url(world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_person_without_an_organisation_is_told_how_to_get_one(client, world):
    client.force_login(world.outsider)
    response = client.get(submit_url(world))
    assert response.status_code == 403
    assert "/organisations/register/" in response.content.decode()
    assert client.post(submit_url(world), submission(world.org_a)).status_code == 403
    assert not InnovationSubmission.objects.exists()


@pytest.mark.parametrize("person", ["member_a", "manager_a"])
def test_members_submit_for_their_organisation_and_review_starts(client, world, person,
                                                                 django_capture_on_commit_callbacks):
    user = getattr(world, person)
    client.force_login(user)
    assert client.get(submit_url(world)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url(world), submission(world.org_a))
    assert response.status_code == 302
    page = InnovationPage.objects.get(submission__isnull=False)
    assert not page.live and page.organisation == world.org_a and page.get_parent().pk == world.catalogue.pk
    assert page.sectors_mask and page.served_mask and page.people_reached == 62
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == WORKFLOW_NAME
    # Its evidence file is private until publication.
    document = page.attachments.get().document
    assert document.collection.name == SUBMITTED_COLLECTION
    assert client.get(document.url).status_code in (302, 403)
    # The contributor hears from us; the Secretariat from Wagtail's workflow notice.
    assert [m.to for m in mail.outbox if m.to == [user.email]] == [[user.email]]
    assert any(m.to == [world.secretary.email] for m in mail.outbox)


def test_submitting_for_someone_elses_organisation_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.member_b)
    response = client.post(submit_url(world), submission(world.org_a))
    assert response.status_code == 400
    assert not InnovationSubmission.objects.exists()
    assert InnovationPage.objects.count() == 1


@pytest.mark.parametrize("bad", [
    {"files": [SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>")]},
    {"title": "\u202e\u202e  "},
    {"regions": [], "nationwide": ""},
    {"stage": "famous"},
    {"people_reached": "-5"},
    {"contact_email": "not an e-mail"},
    {"summary": "x" * 601},
])
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_saved(client, world, bad):
    client.force_login(world.member_a)
    response = client.post(submit_url(world), submission(world.org_a, **bad))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not InnovationSubmission.objects.exists()
    assert InnovationPage.objects.count() == 1


def test_hostile_text_is_stored_as_text_and_shown_escaped(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(world), submission(world.org_a, title="Test \u202eevil", files=[]))
    page = InnovationPage.objects.get(submission__isnull=False)
    assert page.title == "Test evil"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=world.secretary)
    html = client.get(InnovationPage.objects.get(pk=page.pk).url).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_the_secretariat_approves_and_the_innovation_is_published_with_its_files(
        client, world, django_capture_on_commit_callbacks):
    client.force_login(world.manager_a)  # Ukrainian: the e-mails come in Ukrainian
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(world), submission(world.org_a))
    page = InnovationPage.objects.get(submission__isnull=False)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state
    # Members cannot act on the review; the Secretariat can.
    assert not task_state.task.specific.user_can_access_editor(page, world.manager_a)
    assert task_state.task.specific.user_can_access_editor(page, world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        task_state.approve(user=world.secretary)
    page.refresh_from_db()
    assert page.live
    to_author = [m for m in mail.outbox if m.to == [world.manager_a.email]]
    assert len(to_author) == 2 and "опубліковано" in to_author[1].subject
    document = page.attachments.get().document
    assert document.collection.name != SUBMITTED_COLLECTION
    client.logout()
    assert client.get(page.url).status_code == 200
    assert client.get(document.url).status_code == 200


def test_a_rejection_sends_the_secretariat_comment(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.member_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(world), submission(world.org_a, files=[]))
    state = WorkflowState.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.reject(user=world.secretary, comment="Dodajcie liczby z ewaluacji.")
    last = [m for m in mail.outbox if m.to == [world.member_a.email]][-1]
    assert "Dodajcie liczby z ewaluacji." in last.body
    assert not InnovationPage.objects.get(submission__isnull=False).live


def test_the_secretariat_reviews_in_the_admin_and_members_cannot(client, world):
    client.force_login(world.secretary)
    assert client.get(f"/admin/pages/{world.innovation.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/innovations/innovationsubmission/").status_code == 200
    assert client.get("/admin/snippets/innovations/replicationinterest/").status_code == 200
    client.force_login(world.manager_a)
    assert client.get(f"/admin/pages/{world.innovation.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/snippets/innovations/innovationsubmission/").status_code in (302, 403)


def test_submissions_are_rate_limited(client, world):
    client.force_login(world.member_a)
    statuses = [client.post(submit_url(world), {"title": ""}).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429


def test_the_private_collection_is_the_secretariats_only(world):
    from wagtail.models import CollectionViewRestriction

    restriction = CollectionViewRestriction.objects.get(collection=submitted_collection())
    assert [group.name for group in restriction.groups.all()] == ["Sekretariat"]
