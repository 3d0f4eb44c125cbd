"""#23 "a visual identity": logos (initials as fallback) on result cards and profiles, profiles laid
out as profiles, and the home page's purpose and key figures."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from directory.factories import SupportItemFactory
from directory.templatetags.directory_tags import initials, initials_hue
from home.models import Voivodeship

pytestmark = pytest.mark.django_db


def test_initials():
    assert initials("Fundacja Ocalenie") == "FO"
    assert initials("Stowarzyszenie „Nomada” we Wrocławiu") == "SW"  # quotes are not letters
    assert initials("") == "?"
    assert initials_hue("Fundacja Ocalenie") == initials_hue("Fundacja Ocalenie") and 0 <= initials_hue("x") < 6


@pytest.fixture
def logo():
    from wagtail.images.tests.utils import get_test_image_file

    from wagtail.images import get_image_model

    return get_image_model().objects.create(title="Logo", file=get_test_image_file())


def test_cards_and_profile_show_the_logo_or_initials(client, organisation_factory, directory, logo):
    with_logo = organisation_factory(title="Fundacja Ocalenie", logo=logo, sectors=["housing", "legal-aid"],
                                     regions_served=["lubelskie"], website="https://ocalenie.example.org")
    organisation_factory(title="Stowarzyszenie Nomada", sectors=["housing"])
    html = BeautifulSoup(client.get(directory.url).content, "html.parser")
    cards = {card.h2.get_text(strip=True): card for card in html.select("li.org-card")}
    assert cards["Fundacja Ocalenie"].select_one("img.logo")["alt"] == ""
    assert cards["Stowarzyszenie Nomada"].select_one(".initials").get_text() == "SN"
    assert [li.get_text() for li in cards["Fundacja Ocalenie"].select(".chips li")] == ["Pomoc prawna", "Mieszkalnictwo"]

    profile = BeautifulSoup(client.get(with_logo.url).content, "html.parser")
    assert profile.select_one(".profile-head img.logo-large")
    assert profile.select_one(".profile-head h1").get_text(strip=True) == "Fundacja Ocalenie"
    headings = [h.get_text(strip=True) for h in profile.select(".profile-side h2")]
    assert headings[:3] == ["Gdzie", "Co i dla kogo", "Kontakt publiczny"]
    assert "lubelskie" in profile.select_one(".profile-side").get_text()


def test_home_page_says_the_purpose_and_key_figures(client, home_page, organisation_factory, directory):
    org = organisation_factory(title="A", voivodeship=Voivodeship.objects.get(code="lubelskie"),
                               regions_served=["podlaskie"])
    organisation_factory(title="B", voivodeship=Voivodeship.objects.get(code="lubelskie"))
    SupportItemFactory(organisation=org, kind="need")
    cache.clear()
    html = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    assert "UNHCR" in html.select_one(".hero .lead").get_text()
    figures = [(a.select_one(".figure-value").get_text(), a.select_one(".figure-label").get_text())
               for a in html.select(".key-figures a")]
    assert figures[:3] == [("2", "organizacje członkowskie"), ("2", "województwa objęte działaniami"),
                           ("1", "otwarta potrzeba wsparcia")]
