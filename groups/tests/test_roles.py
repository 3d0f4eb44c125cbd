"""Each group's coordinators work on their own group in the admin, and on nothing else."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from accounts.roles import SECRETARIAT
from groups.factories import GroupContentPageFactory
from groups.membership import request_to_join
from groups.models import GroupMembership
from groups.registration import register
from groups.roles import space_of
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db


def _document(collection, title):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.txt", ContentFile(b"notatki"), save=True)
    return document


def test_coordinator_edits_own_group_only(client, group, other_group, coordinator):
    own_page = GroupContentPageFactory(parent=group, slug="notatki", title="Notatki edukacji")
    foreign_page = GroupContentPageFactory(parent=other_group, slug="notatki", title="Notatki mieszkalnictwa")
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{group.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{own_page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/groups/groupcontentpage/{group.pk}/").status_code == 200
    for url in (f"/admin/pages/{other_group.pk}/edit/", f"/admin/pages/{foreign_page.pk}/edit/",
                f"/admin/pages/add/groups/groupcontentpage/{other_group.pk}/",
                f"/admin/pages/{group.get_parent().pk}/edit/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    explorer = client.get("/admin/pages/").content.decode()
    assert "Mieszkalnictwo" not in explorer


def test_coordinator_sees_own_documents_only(client, group, other_group, coordinator):
    own = _document(space_of(group).collection, "plan-edukacja")
    foreign = _document(space_of(other_group).collection, "plan-mieszkania")
    client.force_login(coordinator)
    listing = client.get("/admin/documents/").content.decode()
    assert "plan-edukacja" in listing and "plan-mieszkania" not in listing
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{foreign.pk}/").status_code in (302, 403)


def test_coordinator_rights_extend_to_translations(client, group, coordinator, home_pages):
    ensure_translation(group.get_parent().specific, "uk", title="Робочі групи")
    group_uk = ensure_translation(group, "uk", title="Освіта", topic="Освіта")
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{group_uk.pk}/edit/").status_code == 200
    assert space_of(group_uk) == space_of(group)


def test_removing_coordinator_revokes_admin_rights(client, group, coordinator):
    GroupMembership.objects.filter(user=coordinator).update(role=GroupMembership.Role.MEMBER)
    membership = GroupMembership.objects.get(user=coordinator)
    membership.save()  # the signal syncs permission groups on save
    client.force_login(coordinator)
    assert client.get(f"/admin/pages/{group.pk}/edit/").status_code in (302, 403)


def test_secretariat_sees_every_group(client, group, other_group, user_factory):
    from django.contrib.auth.models import Group

    editor = user_factory()
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    client.force_login(editor)
    for page in (group, other_group):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get("/admin/group_memberships/").status_code == 200
    assert client.get("/admin/meeting_registrations/").status_code == 200


def test_coordinator_manages_requests_but_not_other_groups(client, group, other_group, coordinator, member_factory):
    applicant = member_factory()
    own = request_to_join(applicant, group, "Chcę pomóc")
    foreign = request_to_join(applicant, other_group, "Też")
    client.force_login(coordinator)
    assert client.post(f"/pl/groups/memberships/{foreign.pk}/decide/", {"decision": "accept"}).status_code == 403
    foreign.refresh_from_db()
    assert foreign.status == GroupMembership.Status.PENDING
    assert client.post(f"/pl/groups/memberships/{own.pk}/decide/", {"decision": "accept"}).status_code == 302
    own.refresh_from_db()
    assert own.status == GroupMembership.Status.ACTIVE


def test_participants_export_and_attendance_for_coordinators_only(client, meeting, coordinator, user_factory):
    participant = user_factory(first_name="=HYPERLINK(\"x\")", last_name="Kowalska")
    registration = register(participant, meeting, organisation_name="Fundacja Ocalenie")
    client.force_login(participant)
    assert client.get(f"/pl/groups/meetings/{meeting.pk}/participants.csv").status_code == 403
    assert client.post(f"/pl/groups/meetings/{meeting.pk}/attendance/", {"attended": [registration.pk]}).status_code == 403
    client.force_login(coordinator)
    csv_text = client.get(f"/pl/groups/meetings/{meeting.pk}/participants.csv").content.decode("utf-8-sig")
    assert "Fundacja Ocalenie" in csv_text and participant.email in csv_text
    assert "'=HYPERLINK" in csv_text  # formulas neutralised
    page = client.get(f"/pl/groups/meetings/{meeting.pk}/attendance/")
    assert page.status_code == 200 and f'for="att-{registration.pk}"' in page.content.decode()
    client.post(f"/pl/groups/meetings/{meeting.pk}/attendance/", {"attended": [str(registration.pk)]})
    registration.refresh_from_db()
    assert registration.attended is True
    assert client.post(f"/pl/groups/meetings/{meeting.pk}/attendance/", {"attended": ["abc"]}).status_code == 400
