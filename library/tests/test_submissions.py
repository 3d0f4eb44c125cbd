"""Members propose resources; the proposal goes through "Library review" and the contributor is told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowState

from accounts.roles import SECRETARIAT
from library.demo_files import pdf_bytes
from library.models import DocumentText, ResourcePage, ResourceSubmission
from directory.registration import TASK_NAME
from library.workflow import EDITOR_TASK, LIBRARY_EDITORS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def proposal(**extra):
    data = {
        "title": "Poradnik <b>najmu</b>", "resource_type": "guide",
        "summary": "Krótki opis <script>alert(1)</script>", "description": "Akapit pierwszy.\n\nAkapit <i>drugi</i>.",
        "topics": "mieszkanie, najem, Mieszkanie", "files": [SimpleUploadedFile("poradnik.pdf",
                                                                               pdf_bytes(["Kaucja zwrotna"]))],
    }
    data.update(extra)
    return data


def test_anonymous_visitor_is_sent_to_log_in(client, library):
    response = client.get(library.url + "propose/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_fake_file_is_rejected_and_nothing_is_saved(client, library, user_factory):
    client.force_login(user_factory())
    response = client.post(library.url + "propose/", proposal(files=[SimpleUploadedFile("x.pdf", b"no pdf")]))
    assert response.status_code == 400
    assert "nie jest plikiem PDF" in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_proposal_goes_through_review_with_emails_in_contributor_language(
        client, library, user_factory, django_capture_on_commit_callbacks):
    member = user_factory(language="uk", email="member@example.org")
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=LIBRARY_EDITORS))
    secretary = user_factory(is_staff=True)
    secretary.groups.add(Group.objects.get(name=SECRETARIAT))

    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(library.url + "propose/", proposal())
    assert response.status_code == 302
    page = ResourcePage.objects.get()
    assert not page.live
    assert page.get_parent().pk == library.pk
    assert sorted(page.topics.names()) == ["mieszkanie", "najem"]
    assert "<script>" not in str(page.body.render_as_block()) and "&lt;i&gt;drugi" in str(page.body.render_as_block())
    assert ResourceSubmission.objects.get().contributor == member
    assert DocumentText.objects.get().text.startswith("Kaucja zwrotna")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == WORKFLOW_NAME
    assert state.current_task_state.task.name == EDITOR_TASK
    to_member = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert len(to_member) == 1
    assert "Ми отримали вашу пропозицію" in to_member[0].subject

    # A member cannot approve; an editor approves the first step, the Secretariat the second.
    task_state = state.current_task_state
    assert not task_state.task.specific.user_can_access_editor(page, member)
    with django_capture_on_commit_callbacks(execute=True):
        task_state.approve(user=editor)
    state.refresh_from_db()
    assert state.current_task_state.task.name == TASK_NAME
    to_member = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert len(to_member) == 2 and "пройшла перевірку редакторів" in to_member[1].subject
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=secretary)
    page.refresh_from_db()
    assert page.live
    to_member = [m for m in mail.outbox if m.to == ["member@example.org"]]
    assert len(to_member) == 3, [m.subject for m in to_member]
    assert "опубліковано" in to_member[2].subject
    assert page.url in to_member[2].body
    assert "Kaucja zwrotna" in page.attachment_text


def test_rejection_sends_the_editor_comment(client, library, user_factory, django_capture_on_commit_callbacks):
    member = user_factory(language="en")
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=LIBRARY_EDITORS))
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(library.url + "propose/", proposal(files=[]))
    state = WorkflowState.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.reject(user=editor, comment="Please add the source.")
    last = [m for m in mail.outbox if m.to == [member.email]][-1]
    assert "needs changes" in last.subject
    assert "Please add the source." in last.body
    assert not ResourcePage.objects.get().live


def test_proposals_are_rate_limited(client, library, user_factory, settings):
    client.force_login(user_factory())
    statuses = [client.post(library.url + "propose/", {"title": ""}).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10
    assert statuses[10] == 429


def test_library_editors_edit_resources_in_the_admin_and_members_cannot(client, dataset, user_factory):
    page = dataset["pages"][0]
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=LIBRARY_EDITORS))
    client.force_login(editor)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/library/documenttext/").status_code == 200
    member = user_factory()
    client.force_login(member)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/snippets/library/documenttext/").status_code in (302, 403)
