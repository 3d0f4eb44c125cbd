"""accounts.affiliations: a person's organisations for the apps above accounts, as the directory knows them
(the directory hands its reader over when it starts)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.affiliations import organisations_of
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
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
