"""Fixtures of the positions' tests: the index, a group with a coordinator, organisations and their people."""

import pytest

from accounts.roles import SECRETARIAT
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator

# A home page in transactional tests (the migrations' rows are gone after a flush).
from groups.tests.conftest import tx_home_page  # noqa: F401
from home.models import Voivodeship
from positions.factories import PositionIndexPageFactory, PositionPageFactory, in_consultation, open_for_signature
from positions.workflow import attach


@pytest.fixture(autouse=True)
def english_messages():
    """Messages raised outside a request follow the active language: assert them in English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def world(home_page, user_factory):
    """The roles of the issue: member, manager (of organisation A), coordinator (group G), Secretariat,
    an outsider manager of organisation B; the positions index and group G."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    w = SimpleNamespace()
    directory = DirectoryIndexPageFactory(parent=home_page)
    w.org = OrganisationPageFactory(parent=directory, title="Fundacja Ocalenie", slug="ocalenie",
                                    voivodeship=Voivodeship.objects.get(code="mazowieckie"))
    w.other_org = OrganisationPageFactory(parent=directory, title="Stowarzyszenie Nomada", slug="nomada",
                                          voivodeship=Voivodeship.objects.get(code="dolnoslaskie"))
    w.member = user_factory(email="member@example.org", first_name="Maria", last_name="Członkini")
    w.manager = user_factory(email="manager@example.org", first_name="Marek", last_name="Menedżer")
    w.other_manager = user_factory(email="other@example.org", first_name="Oksana", last_name="Inna")
    w.coordinator = user_factory(email="coordinator@example.org")
    w.secretariat = user_factory(email="sekretariat@example.org")
    w.secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    MembershipFactory(organisation=w.org, user=w.member, role=Membership.MEMBER)
    MembershipFactory(organisation=w.org, user=w.manager, role=Membership.MANAGER)
    MembershipFactory(organisation=w.other_org, user=w.other_manager, role=Membership.MANAGER)
    w.group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page), title="Edukacja", slug="edukacja")
    appoint_coordinator(w.coordinator, w.group)
    w.index = PositionIndexPageFactory(parent=home_page)
    attach(w.index)
    return w


@pytest.fixture
def group_position(world):
    """A position of group G in consultation (version 1 published)."""
    return in_consultation(PositionPageFactory(parent=world.group, title="Edukacja dzieci z Ukrainy", slug="edukacja-dzieci"))


@pytest.fixture
def secretariat_position(world):
    """A Secretariat position open for signature."""
    return open_for_signature(PositionPageFactory(parent=world.index, title="Apel o dostęp do mieszkań",
                                                  slug="apel-mieszkania", kind="appeal"))
