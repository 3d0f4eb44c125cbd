"""The denormalised data behind facets, coverage and matching: always current, same results, bounded SQL."""

import datetime
import random

import pytest
from django.test import RequestFactory
from django.utils import timezone

from directory.browse import browse
from directory.coverage import coverage
from directory.entries import rebuild_entries, rebuild_item_masks
from directory.factories import MembershipFactory, SupportItemFactory
from directory.matching import Candidate, quick_score, score, suggestions
from directory.models import DirectoryEntry, SupportItem
from directory.support import notify_matches
from directory.translation import set_descriptions
from home.models import Voivodeship
from home.translation import ensure_translation
from search import indexing

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _counts(client, url, **params):
    response = client.get(url, params)
    facets = {group["param"]: {v["code"]: v["count"] for v in group["values"]} for group in response.context["facets"]}
    return response.context["organisations"].paginator.count, facets


def test_entries_follow_publishing_and_restrictions(client, directory, organisation_factory):
    from wagtail.models import PageViewRestriction

    a = organisation_factory(title="A", sectors=["housing"], nationwide=True)
    organisation_factory(title="B", sectors=["housing", "culture"], regions_served=["lubelskie"])
    assert _counts(client, directory.url) == (2, _counts(client, directory.url)[1])
    total, facets = _counts(client, directory.url, region="podlaskie")
    assert total == 1 and facets["sector"] == {"housing": 1}  # only A (nationwide) serves podlaskie

    a.unpublish()
    total, facets = _counts(client, directory.url)  # cached counts are not served after a change
    assert total == 1 and facets["sector"] == {"housing": 1, "culture": 1}
    assert facets["region"]["lubelskie"] == 1 and "podlaskie" not in facets["region"]

    a.save_revision().publish()
    restriction = PageViewRestriction.objects.create(page=a, restriction_type=PageViewRestriction.LOGIN)
    assert _counts(client, directory.url)[0] == 1
    restriction.delete()
    assert _counts(client, directory.url)[0] == 2
    assert DirectoryEntry.objects.count() == 2


def test_text_query_finds_every_language(client, home_pages, organisation_factory):
    org = organisation_factory(title="Fundacja Dom", description="Opis po polsku")
    # A fixed text: the factory's random Polish paragraph sometimes holds "po" (~1.5% of runs).
    organisation_factory(title="Inna", description="Zbiórka żywności")
    set_descriptions(org, {"uk": "Допомога біженцям", "en": "Help for refugees"})

    indexing.rebuild()  # the keyword box asks the search service (its index is updated on commit)
    for query in ("біженцям", "REFUGEES", "fundacja dom", "po polsku"):
        titles = [shown.title for _source, shown in client.get("/pl/katalog/", {"q": query}).context["entries"]]
        assert titles == ["Fundacja Dom"], query


def test_rebuild_gives_the_same_rows(directory, organisation_factory):
    organisation_factory(title="A", sectors=["housing"], target_groups=["women"], languages=["uk"],
                         regions_served=["lubelskie"], support_offered=["financial"], legal_form="association")
    organisation_factory(title="B", nationwide=True, live=False)
    before = list(DirectoryEntry.objects.values("page_id", "served", "sectors", "target_groups", "languages",
                                                "offers", "needs", "legal_form", "search_text"))
    assert rebuild_entries() == 1
    after = list(DirectoryEntry.objects.values("page_id", "served", "sectors", "target_groups", "languages",
                                               "offers", "needs", "legal_form", "search_text"))
    assert before == after and len(after) == 1


def test_directory_own_queries_are_few(directory, organisation_factory, django_assert_max_num_queries):
    """The directory's own part of the page (the shared frame excluded): filters, counts, one page of results."""
    for n in range(25):
        organisation_factory(sectors=["housing"], target_groups=["children"], regions_served=["lubelskie"])
    request = RequestFactory().get(directory.url, {"sector": "housing", "region": "lubelskie", "per_page": 20,
                                                   "target_group": "children", "language": "pl"})
    with django_assert_max_num_queries(4):  # data version, facet counts, one page of entries, their pages
        context = browse(request)
    assert context["organisations"].paginator.count == 0  # nobody works in Polish (no languages given)
    request = RequestFactory().get(directory.url, {"sector": "housing", "per_page": 20})
    with django_assert_max_num_queries(4):
        context = browse(request)
    assert context["organisations"].paginator.count == 25 and len(context["entries"]) == 20
    with django_assert_max_num_queries(3):  # counts cached now
        browse(request)


@pytest.fixture
def random_items(organisation_factory):
    """60 needs and offers with random vocabularies, dates and regions, from 6 organisations."""
    rng = random.Random(7)
    orgs = [organisation_factory(title=f"Org {n}") for n in range(6)]
    regions = ["lubelskie", "mazowieckie", "slaskie", "podlaskie"]
    sectors = ["housing", "legal-aid", "culture", "health", "education"]
    groups = ["women", "children", "roma", "lgbt"]
    languages = ["pl", "uk", "en", "ru"]
    items = []
    for n in range(60):
        items.append(SupportItemFactory(
            organisation=rng.choice(orgs), kind=rng.choice(["need", "offer"]), title=f"Pozycja {n}",
            support_type=rng.choice(["financial", "skills"]), nationwide=rng.random() < 0.15,
            regions=rng.sample(regions, rng.randint(0, 2)), sectors=rng.sample(sectors, rng.randint(0, 3)),
            target_groups=rng.sample(groups, rng.randint(0, 2)), languages=rng.sample(languages, rng.randint(0, 2)),
            created_at=NOW - datetime.timedelta(days=rng.randint(0, 250)),
        ))
    return items


def test_quick_score_is_score(random_items):
    """The masks give exactly the score of score() for every pair."""
    items = list(SupportItem.objects.prefetch_related("sectors", "regions", "target_groups", "languages",
                                                      "support_type"))
    pairs = 0
    for need in (i for i in items if i.kind == "need"):
        for offer in (i for i in items if i.kind == "offer"):
            match = score(need, offer, NOW)
            if match is not None:
                pairs += 1
                assert quick_score(Candidate.of(need), Candidate.of(offer), NOW) == match.score, (need, offer)
    assert pairs > 100


def _reference(item, limit=10):
    """Suggestions as the first version computed them: score every candidate with score()."""
    others = SupportItem.objects.open().filter(kind=item.other_kind, support_type_id=item.support_type_id).exclude(
        organisation_id=item.organisation_id).prefetch_related("sectors", "regions", "target_groups", "languages")
    matches = []
    for other in others:
        need, offer = (item, other) if item.kind == "need" else (other, item)
        match = score(need, offer, NOW)
        if match is not None and match.score >= 1:
            matches.append((match.score, other.pk, [str(r) for r in match.reasons]))
    matches.sort(key=lambda m: (-m[0], -SupportItem.objects.get(pk=m[1]).created_at.timestamp(), m[1]))
    return matches[:limit]


def test_suggestions_equal_the_reference_and_follow_changes(random_items, django_assert_max_num_queries):
    for item in random_items[:20]:
        item = SupportItem.objects.get(pk=item.pk)
        found = [(m.score, m.item.pk, [str(r) for r in m.reasons]) for m in suggestions(item, now=NOW)]
        assert found == _reference(item)
    need = next(SupportItem.objects.get(pk=i.pk) for i in random_items if i.kind == "need" and suggestions(i))
    with django_assert_max_num_queries(3):  # version, pool, top candidates (vocabularies from their masks)
        suggestions(need, now=NOW)
    best = suggestions(need, now=NOW)[0].item
    SupportItem.objects.filter(pk=best.pk).update(updated_at=timezone.now(), status=SupportItem.CLOSED)
    assert best.pk not in [m.item.pk for m in suggestions(need, now=NOW)]
    fresh = SupportItemFactory(organisation=random_items[0].organisation if random_items[0].organisation_id
                               != need.organisation_id else random_items[1].organisation,
                               kind="offer", support_type=need.support_type, nationwide=True,
                               sectors=list(need.sectors.values_list("code", flat=True)),
                               target_groups=list(need.target_groups.values_list("code", flat=True)),
                               languages=list(need.languages.values_list("code", flat=True)), created_at=NOW)
    if fresh.organisation_id != need.organisation_id:
        assert suggestions(need, now=NOW)[0].item.pk == fresh.pk


def test_masks_rebuild_matches_saves(random_items):
    before = list(SupportItem.objects.order_by("pk").values_list("regions_mask", "served_mask", "sectors_mask",
                                                                 "target_groups_mask", "languages_mask"))
    SupportItem.objects.update(regions_mask=0, served_mask=0, sectors_mask=0, target_groups_mask=0,
                               languages_mask=0)
    assert rebuild_item_masks() == 60
    after = list(SupportItem.objects.order_by("pk").values_list("regions_mask", "served_mask", "sectors_mask",
                                                                "target_groups_mask", "languages_mask"))
    assert before == after


def test_coverage_is_cached_and_follows_publishing(directory, organisation_factory, django_assert_max_num_queries):
    organisation_factory(title="A", voivodeship=Voivodeship.objects.get(code="lubelskie"), sectors=["housing"],
                         target_groups=["women"])
    with django_assert_max_num_queries(3):  # data version, cells, overlaps
        assert coverage(threshold=1).count("lubelskie", "housing") == 1
    with django_assert_max_num_queries(1):  # cached: the version only
        assert coverage(threshold=1).overlaps == {("lubelskie", "housing")}
    organisation_factory(title="B", nationwide=True, sectors=["housing"])
    result = coverage(threshold=1)
    assert result.count("lubelskie", "housing") == 2 and result.count("podlaskie", "housing") == 1


def test_item_pages_queries_are_bounded(client, home_pages, directory, random_items, django_assert_max_num_queries):
    for code in ("uk", "en"):
        ensure_translation(directory, code)
    need = next(i for i in random_items if i.kind == "need" and i.is_active)
    member = MembershipFactory(organisation=need.organisation).user
    client.get("/pl/needs-offers/")  # warm Wagtail's site caches
    for params in ({}, {"per_page": 100, "kind": "offer", "sector": "housing", "region": "lubelskie"}):
        with django_assert_max_num_queries(20):
            response = client.get("/pl/needs-offers/", params)
        assert response.status_code == 200
    client.force_login(member)
    client.get(f"/pl/needs-offers/{need.pk}/")
    with django_assert_max_num_queries(20):
        response = client.get(f"/pl/needs-offers/{need.pk}/")
    assert response.status_code == 200 and response.context["matches"]


def test_the_task_after_a_save_refills_both_pools(random_items, django_assert_max_num_queries):
    need = next(i for i in random_items if i.kind == "need" and i.is_active)
    offer = next(i for i in random_items if i.kind == "offer" and i.is_active
                 and i.support_type_id == need.support_type_id and i.organisation_id != need.organisation_id)
    notify_matches(need.pk)  # what queue_match_notices runs after the commit
    for item in (SupportItem.objects.get(pk=need.pk), SupportItem.objects.get(pk=offer.pk)):
        with django_assert_max_num_queries(3):  # version, top candidates, support type name: the pools are warm
            suggestions(item, now=NOW)
