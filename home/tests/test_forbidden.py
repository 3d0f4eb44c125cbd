"""The 403 page: in the site's frame, the reason in the reader's language and the way forward."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory, SupportItemFactory
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact():
    settings = SiteSettings.load()
    settings.contact_email = "sekretariat@example.org"
    settings.save()
    return settings.contact_email


def test_a_member_outside_the_organisation_learns_why_and_whom_to_ask(client, home_pages, user_factory, contact):
    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home_pages["pl"]))
    client.force_login(user_factory(email="olena@example.org"))
    with translation.override("uk"):
        url = reverse("directory:edit", args=[organisation.pk])
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="uk">' in html and 'class="site-header"' in html  # the site's frame, in Ukrainian
    assert "Ви не можете відкрити цю сторінку" in html
    assert "olena@example.org" in html
    assert f'href="{reverse("directory:mine")}"'.replace("/pl/", "/uk/") in html  # ask to join / register
    assert f"mailto:{contact}" in html


def test_a_visitor_is_asked_to_sign_in(client, home_pages, contact):
    organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home_pages["pl"]), live=False)
    item = SupportItemFactory(organisation=organisation)
    with translation.override("en"):
        url = reverse("directory:item", args=[item.pk])
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "This page is for signed-in members of the Forum" in html
    with translation.override("en"):
        assert f'href="{reverse("account_login")}?next=' in html
        assert f'href="{reverse("account_signup")}?next=' in html
    assert f"mailto:{contact}" in html
