"""An organisation's last manager cannot leave it orphaned silently: the Secretariat is told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageLogEntry

from accounts.privacy import erase_user
from accounts.roles import SECRETARIAT
from directory.factories import MembershipFactory
from directory.models import Membership
from groups.tests.conftest import organisation  # noqa: F401 — fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(user_factory):
    user = user_factory(email="sekretariat@example.org", language="en")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def told(organisation):  # noqa: F811
    return [message for message in mail.outbox
            if message.to == ["sekretariat@example.org"] and organisation.title in message.subject]


def test_erasing_the_last_manager_tells_the_secretariat(secretary, organisation, user_factory,  # noqa: F811
                                                       django_capture_on_commit_callbacks):
    manager = MembershipFactory(organisation=organisation, role=Membership.MANAGER).user
    MembershipFactory(organisation=organisation, role=Membership.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        erase_user(manager, actor=manager)
    [message] = told(organisation)
    assert "has no manager any more" in message.subject
    assert "1 other member" in message.body and f"/admin/pages/{organisation.pk}/edit/" in message.body
    assert PageLogEntry.objects.filter(action="razem.organisation_without_manager",
                                       page_id=organisation.pk).exists()


def test_nobody_is_told_while_another_manager_remains(secretary, organisation,  # noqa: F811
                                                      django_capture_on_commit_callbacks):
    leaving, _staying = (MembershipFactory(organisation=organisation, role=Membership.MANAGER) for _ in range(2))
    with django_capture_on_commit_callbacks(execute=True):
        erase_user(leaving.user)
    assert told(organisation) == []


def test_a_manager_demoted_or_removed_in_the_admin_counts_too(secretary, organisation,  # noqa: F811
                                                              django_capture_on_commit_callbacks):
    membership = MembershipFactory(organisation=organisation, role=Membership.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        membership.role = Membership.MEMBER
        membership.save()
    assert len(told(organisation)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        membership.delete()  # a member's departure: no manager was lost
        MembershipFactory(organisation=organisation, role=Membership.MEMBER)
    assert len(told(organisation)) == 1


def test_deleting_the_organisation_itself_tells_nobody(secretary, organisation,  # noqa: F811
                                                       django_capture_on_commit_callbacks):
    MembershipFactory(organisation=organisation, role=Membership.MANAGER)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert told(organisation) == []
    assert not PageLogEntry.objects.filter(action="razem.organisation_without_manager").exists()
