"""Joining groups: open, by request (accept/decline with e-mails), invitation only; members list."""

import pytest
from django.core import mail

from directory.factories import OrganisationPageFactory
from groups.membership import MembershipError, decide, invite, is_member, leave, request_to_join
from groups.models import GroupMembership, WorkingGroupPage

pytestmark = pytest.mark.django_db
Status = GroupMembership.Status


def test_request_accept_with_emails_in_each_language(client, group, coordinator, member_factory, commit):
    applicant = member_factory(language="uk", first_name="Оксана", last_name="Мельник")
    coordinator.language = "en"
    coordinator.save()
    client.force_login(applicant)
    with commit(execute=True):
        response = client.post(f"/pl/groups/{group.pk}/join/", {"message": "Працюю з дітьми <b>у Кракові</b>"})
    assert response.status_code == 302
    membership = GroupMembership.objects.get(user=applicant)
    assert membership.status == Status.PENDING
    request_mail = mail.outbox[-1]
    assert request_mail.to == [coordinator.email]
    assert "New request to join" in request_mail.subject and "Оксана Мельник" in request_mail.body
    client.force_login(coordinator)
    members_page = client.get(f"/pl/groups/{group.pk}/members/").content.decode()
    assert "Оксана" in members_page and "&lt;b&gt;у Кракові" in members_page
    assert "Fundacja Ocalenie" in members_page
    with commit(execute=True):
        client.post(f"/pl/groups/memberships/{membership.pk}/decide/", {"decision": "accept"})
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE and membership.decided_by == coordinator
    assert mail.outbox[-1].to == [applicant.email]
    assert "прийнято" in mail.outbox[-1].subject.lower() or "Edukacja" in mail.outbox[-1].subject
    assert is_member(applicant, group)
    # A second decision on the same request: a clear error, nothing changed.
    with pytest.raises(MembershipError):
        decide(membership, False, by=coordinator)


def test_decline(group, coordinator, member_factory, commit):
    applicant = member_factory()
    membership = request_to_join(applicant, group, "")
    with commit(execute=True):
        decide(membership, False, by=coordinator)
    membership.refresh_from_db()
    assert membership.status == Status.DECLINED and not is_member(applicant, group)
    assert mail.outbox[-1].to == [applicant.email]
    # They may ask again later.
    assert request_to_join(applicant, group, "Druga próba").status == Status.PENDING


def test_open_group_joins_at_once(group, member_factory, commit):
    group.join_policy = WorkingGroupPage.JoinPolicy.OPEN
    group.save()
    user = member_factory()
    with commit(execute=True):
        assert request_to_join(user, group).status == Status.ACTIVE
    assert mail.outbox[-1].to == [user.email]
    with pytest.raises(MembershipError, match="already a member"):
        request_to_join(user, group)
    leave(user, group)
    assert not is_member(user, group)


def test_invite_only_group(group, coordinator, user_factory):
    group.join_policy = WorkingGroupPage.JoinPolicy.INVITE
    group.save()
    outsider, guest = user_factory(), user_factory()
    with pytest.raises(MembershipError, match="invitation"):
        request_to_join(outsider, group)
    assert not GroupMembership.objects.filter(user=outsider).exists()
    invite(guest, group, by=coordinator)
    assert request_to_join(guest, group).status == Status.ACTIVE


def test_pending_twice_and_archived_group(group, user_factory, member_factory):
    user = member_factory()
    request_to_join(user, group)
    with pytest.raises(MembershipError, match="waiting"):
        request_to_join(user, group)
    group.status = WorkingGroupPage.Status.ARCHIVED
    group.save()
    with pytest.raises(MembershipError, match="archived"):
        request_to_join(user_factory(), group)


def test_members_list_is_for_members_only(client, group, user_factory):
    client.force_login(user_factory())
    assert client.get(f"/pl/groups/{group.pk}/members/").status_code == 403
    client.logout()
    assert client.get(f"/pl/groups/{group.pk}/members/").status_code == 302


def test_people_without_a_registered_organisation_cannot_join(client, group, user_factory):
    loner = user_factory()
    with pytest.raises(MembershipError, match="registered organisations"):
        request_to_join(loner, group, "")
    client.force_login(loner)
    html = client.get(group.url).content.decode()
    assert "/organisations/register/" in html
    response = client.post(f"/pl/groups/{group.pk}/join/", {"message": "Hej"}, follow=True)
    assert response.status_code == 200
    assert not GroupMembership.objects.filter(user=loner).exists()


def test_someone_elses_organisation_is_refused(client, group, member_factory, user_factory, home_page):
    member = member_factory()
    foreign = OrganisationPageFactory(parent=home_page, slug="obca")
    with pytest.raises(MembershipError, match="belong to"):
        request_to_join(member, group, "", organisation=foreign)
    client.force_login(member)
    client.post(f"/pl/groups/{group.pk}/join/", {"organisation": foreign.pk})
    assert not GroupMembership.objects.filter(user=member).exists()
