"""accounts.affiliations: a person's roles in organisations for the apps above accounts, as the directory knows
them (the directory hands its readers over when it starts)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import affiliations
from accounts.affiliations import organisations_of
from directory import permissions
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from directory.permissions import organisations_of as directory_organisations_of

pytestmark = pytest.mark.django_db


def test_a_persons_organisations_are_the_directorys_by_name_in_any_state(home_page, user_factory):
    index = DirectoryIndexPageFactory(parent=home_page)
    beta = OrganisationPageFactory(parent=index, title="Beta")
    alfa = OrganisationPageFactory(parent=index, title="Alfa")
    alfa.unpublish()
    OrganisationPageFactory(parent=index, title="Gamma")  # someone else's
    person = user_factory()
    MembershipFactory(organisation=beta, user=person)
    MembershipFactory(organisation=alfa, user=person)
    assert list(organisations_of(person)) == list(directory_organisations_of(person)) == [alfa, beta]
    assert list(organisations_of(person).live()) == [beta]
    assert not organisations_of(AnonymousUser()).exists()


def test_every_reader_answers_as_the_directory(home_page, user_factory):
    index = DirectoryIndexPageFactory(parent=home_page)
    alfa = OrganisationPageFactory(parent=index, title="Alfa")
    beta = OrganisationPageFactory(parent=index, title="Beta")
    beta.unpublish()
    manager, member, outsider = user_factory(), user_factory(), user_factory()
    MembershipFactory(organisation=alfa, user=manager, role=Membership.MANAGER)
    MembershipFactory(organisation=beta, user=manager, role=Membership.MANAGER)
    MembershipFactory(organisation=alfa, user=member, role=Membership.MEMBER)
    for user in (manager, member, outsider, AnonymousUser()):
        assert list(affiliations.organisations_managed_by(user)) == list(permissions.organisations_managed_by(user))
        for organisation in (alfa, beta):
            assert affiliations.is_member(user, organisation) == permissions.is_member(user, organisation)
    assert list(affiliations.organisations_managed_by(manager)) == [alfa, beta]
    assert not affiliations.organisations_managed_by(member).exists()
    assert affiliations.is_member(member, alfa) and not affiliations.is_member(member, beta)
    assert set(affiliations.managers_of(alfa)) == {manager}
    assert set(affiliations.members_of(alfa)) == {manager, member}
    assert list(affiliations.live_member_organisations()) == [alfa]
