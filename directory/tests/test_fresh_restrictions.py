"""The directory's derived read models never decide who sees an organisation.

DirectoryEntry rows, the facet table built from them, the coverage matrix and the needs and
offers are kept per data version, and a view restriction written without model signals
(`PageViewRestriction.objects.bulk_create`, as a data migration or an import does) changes no
version. The restrictions read with each request decide what these lists show and count: the
restricted organisation leaves the anonymous listing, its facet counts, the coverage, the needs
and offers, the open data API and the home page's key figures on the very next request, while a
signed-in reader who passes the restriction still sees and counts it.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from digests.sources import PUBLIC
from directory.digest import support_items
from directory.factories import MembershipFactory, SupportItemFactory
from directory.models import Membership, SupportItem
from directory.support import notify_matches
from home.models import Voivodeship

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caches_on(settings):
    """Every cache of these lists on, as in production: the facet table memo, the counts' cache, the frame."""
    settings.DIRECTORY_CACHE_TIMEOUT = 3600
    settings.FRAME_CACHE = True


@pytest.fixture
def world(directory, organisation_factory):
    lublin = Voivodeship.objects.get(code="lubelskie")
    hidden = organisation_factory(title="Fundacja Ukryta", voivodeship=lublin, sectors=["housing"],
                                  target_groups=["women"])
    shown = organisation_factory(title="Stowarzyszenie Jawne", voivodeship=lublin, sectors=["culture"],
                                 target_groups=["women"])
    SupportItemFactory(organisation=hidden, kind="need", title="Potrzeba ukrytej", regions=["lubelskie"],
                       sectors=["housing"])
    SupportItemFactory(organisation=shown, kind="need", title="Potrzeba jawnej", regions=["lubelskie"],
                       sectors=["culture"])
    return hidden, shown


def _restrict(page):
    """A login restriction written as a data migration would: no signal, no cache invalidation."""
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=page.pk), restriction_type=PageViewRestriction.LOGIN)])


def _listing(client, directory, **params):
    response = client.get(directory.url, params)
    assert response.status_code == 200
    facets = {group["param"]: {v["code"]: v["count"] for v in group["values"]} for group in response.context["facets"]}
    titles = [page.title for page, _shown in response.context["entries"]]
    return response.context["organisations"].paginator.count, titles, facets


def _coverage(client):
    """{(voivodeship, sector): organisations} and {(voivodeship, sector): needs} of the coverage download."""
    cells = client.get(reverse("directory:coverage_download", kwargs={"fmt": "json"})).json()["cells"]
    organisations = {(c["voivodeship"], c["sector"]): c["organisations"] for c in cells if c["organisations"]}
    needs = {(c["voivodeship"], c["sector"]): c["needs"] for c in cells if c["needs"]}
    return organisations, needs


def _coverage_cell(client, voivodeship, sector):
    """The count the coverage page's table shows for (voivodeship, sector): that table is rendered
    once into the cache for every reader of the same data and hidden paths."""
    table = BeautifulSoup(client.get(reverse("directory:coverage")).content, "html.parser").select_one("table.coverage")
    links = [a for a in table.select("td a") if f"={voivodeship}" in a["href"] and f"sector={sector}" in a["href"]]
    assert len(links) == 1
    return links[0].contents[0].strip()


def _items(client, **params):
    """(count, titles, {facet: {code: count}}) as the needs and offers page shows them: its filters and
    results are rendered once into the cache for every reader of the same data and hidden paths."""
    html = BeautifulSoup(client.get(reverse("directory:items"), params).content, "html.parser")
    results = html.select_one("#directory-results")
    total = int(results.select_one("p.meta[role=status]").get_text().split()[0])
    titles = [link.get_text() for link in results.select("h2 a")]
    facets = {}
    for box in html.select(".facets input[type=checkbox]"):
        count = html.select_one(f'label[for="{box["id"]}"] .count').get_text().strip("()")
        facets.setdefault(box["name"], {})[box["value"]] = int(count)
    return total, titles, facets


def _api(client):
    return sorted(o["name"] for o in client.get("/api/v1/organisations").json()["results"])


def _figures(client, home_page):
    html = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    return [a.select_one(".figure-value").get_text() for a in html.select(".key-figures a")][:3]


def _warm(client, directory, home_page):
    """Fill every cache the lists use (twice: the second answer comes from them)."""
    for _twice in range(2):
        _listing(client, directory)
        _listing(client, directory, sector="housing")
        _coverage(client)
        _coverage_cell(client, "lubelskie", "housing")
        _items(client)
        _api(client)
        _figures(client, home_page)


def test_a_bulk_restricted_organisation_leaves_every_anonymous_list_at_once(client, world, directory, home_page,
                                                                             user_factory):
    _warm(client, directory, home_page)
    assert _listing(client, directory)[:2] == (2, ["Fundacja Ukryta", "Stowarzyszenie Jawne"])
    assert _coverage_cell(client, "lubelskie", "housing") == "1"
    assert "Fundacja Ukryta" in client.get(directory.url).content.decode()  # the listing now in the cache
    assert _figures(client, home_page) == ["2", "1", "2"]

    hidden, _shown = world
    _restrict(hidden)

    total, titles, facets = _listing(client, directory)
    assert (total, titles) == (1, ["Stowarzyszenie Jawne"])
    assert "housing" not in facets["sector"] and facets["target_group"] == {"women": 1}
    assert _listing(client, directory, sector="housing")[:2] == (0, [])
    organisations, needs = _coverage(client)
    assert ("lubelskie", "housing") not in organisations and organisations[("lubelskie", "culture")] == 1
    assert (_coverage_cell(client, "lubelskie", "housing"), _coverage_cell(client, "lubelskie", "culture")) == ("0", "1")
    html = client.get(directory.url).content.decode()  # the listing cached for the paths hidden before: not used
    assert "Fundacja Ukryta" not in html and "Stowarzyszenie Jawne" in html
    assert needs == {("lubelskie", "culture"): 1}
    total, titles, facets = _items(client)
    assert (total, titles) == (1, ["Potrzeba jawnej"]) and facets["sector"] == {"culture": 1}
    assert _api(client) == ["Stowarzyszenie Jawne"]
    assert _figures(client, home_page) == ["1", "1", "1"]

    client.force_login(user_factory())  # a reader who passes the login restriction still sees it
    total, titles, facets = _listing(client, directory)
    assert (total, titles) == (2, ["Fundacja Ukryta", "Stowarzyszenie Jawne"]) and facets["sector"]["housing"] == 1
    assert _coverage(client)[0][("lubelskie", "housing")] == 1
    assert _items(client)[0] == 2


def test_a_bulk_restricted_directory_hides_every_organisation_from_visitors(client, world, directory, home_page,
                                                                           user_factory):
    _warm(client, directory, home_page)
    _restrict(directory)

    assert client.get(directory.url).status_code == 302  # Wagtail refuses the page itself
    assert _coverage(client) == ({}, {})
    assert _items(client)[:2] == (0, [])
    assert _api(client) == []
    assert _figures(client, home_page) == ["0", "0", "0"]

    client.force_login(user_factory())
    assert _listing(client, directory)[:2] == (2, ["Fundacja Ukryta", "Stowarzyszenie Jawne"])
    assert _coverage(client)[0][("lubelskie", "housing")] == 1
    assert _items(client)[0] == 2


def test_a_group_restriction_shows_the_organisation_to_its_members_only(client, world, directory, user_factory):
    from django.contrib.auth.models import Group

    hidden, _shown = world
    group = Group.objects.create(name="Grupa robocza")
    restriction = PageViewRestriction.objects.bulk_create([PageViewRestriction(
        page=Page.objects.get(pk=hidden.pk), restriction_type=PageViewRestriction.GROUPS)])[0]
    restriction.groups.add(group)

    client.force_login(user_factory())
    assert _listing(client, directory)[:2] == (1, ["Stowarzyszenie Jawne"])
    member = user_factory()
    member.groups.add(group)
    client.force_login(member)
    assert _listing(client, directory)[:2] == (2, ["Fundacja Ukryta", "Stowarzyszenie Jawne"])


def test_needs_and_matches_of_a_bulk_restricted_organisation_are_not_shown(client, world, user_factory):
    """Its need's page is refused to visitors and its offer is no longer suggested to them (the
    matching pool is cached per data version, the same for every reader), nor mailed to everyone."""
    import datetime

    from django.utils import timezone

    hidden, shown = world
    offer = SupportItemFactory(organisation=hidden, kind="offer", title="Oferta ukrytej", regions=["lubelskie"],
                               sectors=["culture"])
    need = SupportItem.objects.get(title="Potrzeba jawnej")
    hidden_need = SupportItem.objects.get(title="Potrzeba ukrytej")

    def suggested():  # as rendered: the suggestions are kept as HTML (directory.views_support._matches_key)
        response = client.get(reverse("directory:item", args=[need.pk]))
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        section = soup.find("section", attrs={"aria-labelledby": "matches-heading"})
        return [title.get_text() for title in section.select("h3 bdi")]

    assert suggested() == [offer.title]
    assert client.get(reverse("directory:item", args=[hidden_need.pk])).status_code == 200
    _restrict(hidden)

    assert suggested() == []
    assert client.get(reverse("directory:item", args=[hidden_need.pk])).status_code == 403
    now = timezone.now()
    audiences = {item.texts["pl"].title: item.audience
                 for item in support_items(now - datetime.timedelta(days=1), now + datetime.timedelta(days=1))}
    assert audiences["Potrzeba jawnej"] == PUBLIC and audiences["Oferta ukrytej"].login
    assert audiences["Potrzeba ukrytej"] != PUBLIC

    client.force_login(user_factory())
    assert suggested() == [offer.title]
    assert client.get(reverse("directory:item", args=[hidden_need.pk])).status_code == 200


def test_match_notices_about_a_bulk_restricted_organisation_go_only_to_those_who_may_see_it(world, user_factory):
    from django.contrib.auth.models import Group
    from django.core import mail

    hidden, shown = world
    manager = MembershipFactory(organisation=shown, role=Membership.MANAGER, user=user_factory()).user
    readers = Group.objects.create(name="Czytelnicy")
    restriction = PageViewRestriction.objects.bulk_create([PageViewRestriction(
        page=Page.objects.get(pk=hidden.pk), restriction_type=PageViewRestriction.GROUPS)])[0]
    restriction.groups.add(readers)
    offer = SupportItemFactory(organisation=hidden, kind="offer", title="Oferta ukrytej", regions=["lubelskie"],
                               sectors=["culture"])
    assert SupportItem.objects.get(title="Potrzeba jawnej")  # the shown organisation's need it matches
    mail.outbox.clear()

    assert notify_matches(offer.pk) == 0 and mail.outbox == []  # the manager may not see the organisation
    manager.groups.add(readers)
    assert notify_matches(offer.pk) == 1 and [m.to for m in mail.outbox] == [[manager.email]]
