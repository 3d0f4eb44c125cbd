"""Members edit only their own organisation, on the public site and in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from directory.factories import MembershipFactory
from directory.models import Invitation, Membership
from directory.permissions import (
    can_edit_organisation,
    is_manager,
    is_member,
    managers_of,
    organisations_managed_by,
    organisations_of,
)
from directory.tests.test_registration import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organisations(organisation_factory):
    return organisation_factory(title="Alfa"), organisation_factory(title="Beta")


def test_helpers(two_organisations, user_factory):
    alfa, beta = two_organisations
    manager = MembershipFactory(organisation=alfa, role=Membership.MANAGER).user
    MembershipFactory(organisation=beta, user=manager, role=Membership.MEMBER)
    assert list(organisations_of(manager)) == [alfa, beta]
    assert list(organisations_managed_by(manager)) == [alfa]
    assert is_manager(manager, alfa) and not is_manager(manager, beta) and is_member(manager, beta)
    assert list(managers_of(alfa)) == [manager]
    assert not can_edit_organisation(user_factory(), alfa)


def test_a_plain_member_does_not_manage_an_organisation_that_has_a_manager(two_organisations):
    alfa, _beta = two_organisations
    MembershipFactory(organisation=alfa, role=Membership.MANAGER)
    member = MembershipFactory(organisation=alfa, role=Membership.MEMBER).user
    assert list(organisations_managed_by(member)) == []


def test_public_edit_is_isolated(client, two_organisations):
    alfa, beta = two_organisations
    member = MembershipFactory(organisation=alfa, role=Membership.MEMBER).user
    client.force_login(member)
    assert client.get(reverse("directory:edit", args=[alfa.pk])).status_code == 200
    assert client.get(reverse("directory:edit", args=[beta.pk])).status_code == 403
    assert client.post(reverse("directory:edit", args=[beta.pk]), {"title": "Przejęte"}).status_code == 403
    assert client.post(reverse("directory:confirm", args=[beta.pk])).status_code == 403
    # Members are not managers: no invitations.
    assert client.get(reverse("directory:members", args=[alfa.pk])).status_code == 403
    beta.refresh_from_db()
    assert beta.title == "Beta"


def test_member_edit_creates_a_published_revision(client, two_organisations):
    alfa, _beta = two_organisations
    member = MembershipFactory(organisation=alfa, role=Membership.MEMBER).user
    client.force_login(member)
    before = alfa.revisions.count()
    data = form_data(title="Alfa (nowa nazwa)", nip=alfa.nip, krs="", description_en="We help.")
    response = client.post(reverse("directory:edit", args=[alfa.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    alfa.refresh_from_db()
    assert alfa.title == "Alfa (nowa nazwa)" and alfa.live and alfa.last_confirmed_at is not None
    assert alfa.revisions.count() == before + 1
    assert alfa.get_translations().get(locale__language_code="en").specific.description == "We help."


def test_admin_edit_is_isolated(client, two_organisations, directory):
    """Even with page rights on the whole directory, a member edits only their own organisation."""
    alfa, beta = two_organisations
    member = MembershipFactory(organisation=alfa, role=Membership.MEMBER).user
    group = Group.objects.create(name="Directory members")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=directory, permission=Permission.objects.get(codename=codename,
                                                                            content_type__app_label="wagtailcore")
        )
    member.groups.add(group)
    client.force_login(member)
    assert client.get(f"/admin/pages/{alfa.pk}/edit/").status_code == 200
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    assert client.get(f"/admin/pages/{beta.pk}/edit/")["Location"] == "/admin/"
    assert client.post(f"/admin/pages/{beta.pk}/unpublish/")["Location"] == "/admin/"
    beta.refresh_from_db()
    assert beta.live
    explorer = client.get(f"/admin/pages/{directory.pk}/")
    assert "Alfa" in explorer.content.decode() and "Beta" not in explorer.content.decode()


def test_secretariat_edits_any_organisation_in_admin(client, two_organisations, secretariat_user):
    _alfa, beta = two_organisations
    client.force_login(secretariat_user)
    assert client.get(f"/admin/pages/{beta.pk}/edit/").status_code == 200


def test_invitation_flow(client, two_organisations, user_factory, django_capture_on_commit_callbacks):
    from django.core import mail

    alfa, _beta = two_organisations
    manager = MembershipFactory(organisation=alfa, role=Membership.MANAGER).user
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory:members", args=[alfa.pk]),
                               {"email": "kolega@example.org", "role": "member"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.token in mail.outbox[-1].body
    colleague = user_factory(email="kolega@example.org")
    client.force_login(colleague)
    url = reverse("directory:invitation", args=[invitation.token])
    assert client.post(url).status_code == 302
    assert is_member(colleague, alfa) and not is_manager(colleague, alfa)
    # The link works once.
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(user=colleague).count() == 1
