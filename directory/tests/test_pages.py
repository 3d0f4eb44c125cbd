"""The directory page and organisation profiles: rendering, facets, isolation of contact data."""

import pytest

from directory.browse import published_organisations
from directory.factories import MembershipFactory, SupportItemFactory
from directory.translation import set_descriptions
from home.models import Voivodeship
from home.translation import ensure_translation
from search import indexing

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\u202eevil"


def test_profile_shows_public_data_and_hides_contact(client, organisation_factory):
    org = organisation_factory(title="Fundacja Ocalenie", contact_name="Anna Kowalska",
                               contact_email="anna@example.org", sectors=["legal-aid", "housing"])
    response = client.get(org.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fundacja Ocalenie" in html and "Pomoc prawna" in html
    assert "Anna Kowalska" not in html and "anna@example.org" not in html


def test_members_and_secretariat_see_contact(client, organisation_factory, user_factory, secretariat_user):
    org = organisation_factory(contact_name="Anna Kowalska")
    member = MembershipFactory(organisation=org).user
    outsider = user_factory()
    for user, visible in [(member, True), (secretariat_user, True), (outsider, False)]:
        client.force_login(user)
        assert ("Anna Kowalska" in client.get(org.url).content.decode()) is visible


def test_hostile_text_is_escaped(client, organisation_factory):
    org = organisation_factory(title="Zła <script>", description=HOSTILE, city=HOSTILE[:90])
    html = client.get(org.url).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    listing = client.get(org.get_parent().url).content.decode()
    assert "<script>alert(1)" not in listing and "<img src=x" not in listing


def test_directory_facets_count_on_a_known_dataset(client, directory, organisation_factory):
    organisation_factory(title="A", sectors=["legal-aid"], target_groups=["children"], legal_form="association",
                         voivodeship=_v("malopolskie"))
    organisation_factory(title="B", sectors=["legal-aid", "housing"], regions_served=["lubelskie"],
                         support_offered=["financial"])
    organisation_factory(title="C", sectors=["housing"], nationwide=True, languages=["uk"])
    organisation_factory(title="Draft", sectors=["housing"], live=False)

    response = client.get(directory.url)
    facets = {group["param"]: {v["code"]: v["count"] for v in group["values"]} for group in response.context["facets"]}
    assert response.context["organisations"].paginator.count == 3
    assert facets["sector"] == {"legal-aid": 2, "housing": 2}
    assert facets["legal_form"] == {"association": 1, "foundation": 2}
    # Seat, regions served and nationwide all count as serving a voivodeship.
    assert facets["region"]["mazowieckie"] == 2
    assert facets["region"]["lubelskie"] == 2
    assert facets["region"]["malopolskie"] == 2
    assert facets["region"]["opolskie"] == 1
    assert facets["offers"] == {"financial": 1}

    response = client.get(directory.url, {"sector": "housing", "region": "lubelskie"})
    titles = [shown.title for _source, shown in response.context["entries"]]
    assert titles == ["B", "C"]
    facets = {group["param"]: {v["code"]: v["count"] for v in group["values"]} for group in response.context["facets"]}
    # A facet's own selection does not narrow its counts (other values stay reachable).
    assert facets["sector"] == {"legal-aid": 1, "housing": 2}

    response = client.get(directory.url, {"q": "b", "sort": "newest", "sector": "nonsense"})
    assert response.status_code == 200


def _v(code):
    return Voivodeship.objects.get(code=code)


def test_directory_queries_do_not_grow_with_page_size(client, directory, organisation_factory, home_pages,
                                                      django_assert_max_num_queries):
    for code in ("uk", "en"):  # as on the real site, so the language switcher finds its targets
        ensure_translation(directory, code)
    for n in range(30):
        organisation_factory(sectors=["legal-aid", "housing"], target_groups=["children"], languages=["pl", "uk"],
                             regions_served=["lubelskie"])
    client.get(directory.url)  # warm Wagtail's site caches
    with django_assert_max_num_queries(20):
        small = client.get(directory.url, {"per_page": 20})
    with django_assert_max_num_queries(20):
        big = client.get(directory.url, {"per_page": 100, "sector": "housing", "target_group": "children",
                                         "language": "uk", "region": "lubelskie", "legal_form": "foundation"})
    assert len(small.context["entries"]) == 20 and len(big.context["entries"]) == 30


def test_translation_is_shown_in_its_language(client, home_pages, organisation_factory):
    org = organisation_factory(title="Fundacja Dom", description="Opis po polsku")
    set_descriptions(org, {"uk": "Опис українською", "en": "English description"})
    response = client.get("/uk/katalog/")
    assert response.status_code == 200
    assert "Опис українською" in response.content.decode()
    uk_page = org.get_translation(home_pages["uk"].locale)
    assert uk_page.live and list(uk_page.specific.sectors.values_list("code", flat=True)) == ["legal-aid"]
    assert published_organisations().count() == 1


def test_profile_queries_are_bounded(client, directory, organisation_factory, home_pages,
                                     django_assert_max_num_queries):
    for code in ("uk", "en"):
        ensure_translation(directory, code)
    org = organisation_factory(sectors=["legal-aid", "housing", "health"], target_groups=["children", "women"],
                               languages=["pl", "uk"], regions_served=["lubelskie", "slaskie"],
                               support_offered=["financial"], support_needed=["skills"])
    set_descriptions(org, {"uk": "Опис", "en": "Description"})
    for n in range(5):
        SupportItemFactory(organisation=org, kind="need" if n % 2 else "offer", regions=["lubelskie"])
    client.get(org.url)
    with django_assert_max_num_queries(20):
        response = client.get(org.url)
    html = response.content.decode()
    assert "lubelskie, śląskie" in html and "Ochrona zdrowia" not in html and "Zdrowie" in html


def test_listing_queries_are_cleaned_like_the_site_search(client, directory, organisation_factory):
    """#17 item 9: bidi controls in the query were echoed on the directory and the needs and offers."""
    from django.urls import reverse

    organisation_factory(title="Fundacja Najem")
    indexing.rebuild()  # the directory's box asks the search service
    for url in (directory.url, reverse("directory:items")):
        html = client.get(url, {"q": "\u202eNajem\x00"}).content.decode()
        assert "\u202e" not in html and "\x00" not in html, url
    assert "Fundacja Najem" in client.get(directory.url, {"q": "\u202eNajem"}).content.decode()
