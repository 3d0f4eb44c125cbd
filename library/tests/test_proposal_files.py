"""Files of library proposals stay private until the resource is published (#17 item 6)."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, WorkflowState

from accounts.roles import SECRETARIAT
from library.demo_files import pdf_bytes
from library.models import ResourcePage
from library.submissions import LIBRARY_COLLECTION, PROPOSALS_COLLECTION, secure_proposal_files
from library.workflow import LIBRARY_EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(user_factory):
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=LIBRARY_EDITORS))
    secretary = user_factory(is_staff=True)
    secretary.groups.add(Group.objects.get(name=SECRETARIAT))
    return {"proposer": user_factory(), "other member": user_factory(), "editor": editor, "secretary": secretary}


@pytest.fixture
def proposed(client, library, people, django_capture_on_commit_callbacks):
    client.force_login(people["proposer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(library.url + "propose/", {
            "title": "Poradnik najmu", "resource_type": "guide", "summary": "Opis",
            "files": [SimpleUploadedFile("poradnik.pdf", pdf_bytes(["Kaucja zwrotna"]))],
        })
    assert response.status_code == 302
    client.logout()
    return get_document_model().objects.get()


def _served(client, document, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(document.url)
    client.logout()
    return response.status_code == 200 and b"%PDF" in b"".join(response.streaming_content)


def _assert_private(client, document, people):
    document.refresh_from_db()
    assert document.collection.name == PROPOSALS_COLLECTION
    assert not _served(client, document)  # anonymous: sent to log in
    assert not _served(client, document, people["proposer"])
    assert not _served(client, document, people["other member"])
    assert _served(client, document, people["secretary"])
    assert _served(client, document, people["editor"])


def _state(document):
    page = ResourcePage.objects.get()
    return page, WorkflowState.objects.get(object_id=str(page.pk))


def test_files_under_review_are_private_and_public_once_published(client, proposed, people,
                                                                  django_capture_on_commit_callbacks):
    _assert_private(client, proposed, people)
    page, state = _state(proposed)
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=people["editor"])
    state.refresh_from_db()
    _assert_private(client, proposed, people)  # half-way through the review: still private
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=people["secretary"])
    page.refresh_from_db()
    assert page.live
    proposed.refresh_from_db()
    assert proposed.collection.name == LIBRARY_COLLECTION
    assert _served(client, proposed)


def test_rejected_and_withdrawn_proposals_keep_their_files_private(client, proposed, people,
                                                                   django_capture_on_commit_callbacks):
    page, state = _state(proposed)
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.reject(user=people["editor"], comment="Poza zakresem biblioteki.")
    _assert_private(client, proposed, people)
    state.refresh_from_db()
    state.cancel(user=people["proposer"])  # withdrawn
    _assert_private(client, proposed, people)


def test_existing_sites_are_secured_after_migrate(client, proposed, people):
    """A site from before the fix: collection without a restriction, a proposal already published."""
    CollectionViewRestriction.objects.filter(collection__name=PROPOSALS_COLLECTION).delete()
    assert _served(client, proposed)  # the failure of #17 item 6
    secure_proposal_files()
    _assert_private(client, proposed, people)
    page, _state_ = _state(proposed)
    page.save_revision().publish()
    CollectionViewRestriction.objects.filter(collection__name=PROPOSALS_COLLECTION).delete()
    get_document_model().objects.update(collection=Collection.objects.get(name=PROPOSALS_COLLECTION))
    secure_proposal_files()
    assert _served(client, proposed)
