"""Fixtures of the directory's tests: the directory page and a few organisations."""

import pytest

from accounts.roles import SECRETARIAT
from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory
from directory.registration import ensure_registration_workflow


@pytest.fixture
def directory(home_page):
    """The Polish directory index page, published, with the registration workflow."""
    index = DirectoryIndexPageFactory(parent=home_page)
    ensure_registration_workflow()
    return index


@pytest.fixture
def organisation_factory(directory):
    """Create published organisations under the directory: organisation_factory(title=..., sectors=[...])."""
    def create(**kwargs):
        kwargs.setdefault("parent", directory)
        return OrganisationPageFactory(**kwargs)

    return create


@pytest.fixture
def secretariat_user(user_factory):
    from django.contrib.auth.models import Group

    user = user_factory(email="sekretariat@example.org")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (a request to /uk/… leaves Ukrainian active in this thread)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
