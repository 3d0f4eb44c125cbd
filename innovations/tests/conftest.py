"""Fixtures of the catalogue's tests: a catalogue in pl, two organisations with people in each role."""

import pytest

from accounts.roles import SECRETARIAT
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from home.models import Voivodeship
from home.translation import ensure_translation
from innovations.factories import InnovationIndexPageFactory, InnovationPageFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (a request to /uk/… leaves Ukrainian active in this thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.fixture
def world(catalogue, user_factory):
    """Organisation A (author: member, manager) and B (interested: member, manager), the Secretariat,
    an outsider without an organisation, and a published innovation of A."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    w = SimpleNamespace(catalogue=catalogue)
    directory = DirectoryIndexPageFactory(parent=catalogue.get_parent())
    w.org_a = OrganisationPageFactory(parent=directory, title="Fundacja Autorka", slug="autorka")
    w.org_b = OrganisationPageFactory(parent=directory, title="Stowarzyszenie Chętne", slug="chetne",
                                      voivodeship=Voivodeship.objects.get(code="lubelskie"))
    w.member_a = user_factory(email="member-a@example.org")
    w.manager_a = user_factory(email="manager-a@example.org", language="uk")
    w.member_b = user_factory(email="member-b@example.org")
    w.manager_b = user_factory(email="manager-b@example.org")
    MembershipFactory(organisation=w.org_a, user=w.member_a, role=Membership.MEMBER)
    MembershipFactory(organisation=w.org_a, user=w.manager_a, role=Membership.MANAGER)
    MembershipFactory(organisation=w.org_b, user=w.member_b, role=Membership.MEMBER)
    MembershipFactory(organisation=w.org_b, user=w.manager_b, role=Membership.MANAGER)
    w.secretary = user_factory(email="sekretariat@example.org", is_staff=True)
    w.secretary.groups.add(Group.objects.get(name=SECRETARIAT))
    w.outsider = user_factory(email="outsider@example.org")
    w.innovation = InnovationPageFactory(parent=catalogue, organisation=w.org_a, title="Klub pracy dla kobiet",
                                         slug="klub-pracy", stage="proven", cost_band="20k-100k",
                                         sectors=["employment"], target_groups=["women"], regions=["malopolskie"])
    return w


@pytest.fixture
def three_languages(world, locales):
    """The catalogue and the world's innovation in uk and en too; a second innovation only in Polish."""
    for code in ("uk", "en"):
        ensure_translation(world.catalogue.get_parent(), code)
        ensure_translation(world.catalogue, code, title={"uk": "Інновації", "en": "Innovations"}[code])
    world.innovation_uk = ensure_translation(world.innovation, "uk", title="Клуб роботи для жінок",
                                             summary="Щотижневі зустрічі та менторство.")
    world.innovation_en = ensure_translation(world.innovation, "en", title="Job club for women",
                                             summary="Weekly meetings and mentoring.")
    world.polish_only = InnovationPageFactory(parent=world.catalogue, organisation=world.org_b,
                                              title="Szkoła językowa dla seniorów", slug="szkola-seniorow",
                                              stage="idea", cost_band="under-20k", sectors=["language"],
                                              target_groups=["elderly"], regions=[], nationwide=True)
    return world
