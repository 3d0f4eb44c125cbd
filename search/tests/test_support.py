"""Needs and offers: open items of public organisations are found in every language, with facets;
closed, expired and unpublished ones are not; saves, translations and deletes update the index."""

import datetime

import pytest
from django.utils import timezone

from directory.factories import SupportItemFactory
from directory.models import SupportItem
from search import indexing, tasks
from search.engines import SearchRequest, search
from search.models import SearchEntry

from .helpers import titles

pytestmark = pytest.mark.django_db



@pytest.fixture
def organisation(organisation_factory):
    return organisation_factory(title="Fundacja Otwarte Drzwi")


def item(organisation, **kwargs):
    return SupportItemFactory(organisation=organisation, **kwargs)


def test_open_items_are_found_with_facets(engine, organisation, locales):
    bed = item(organisation, kind=SupportItem.OFFER, title="Łóżka dla rodzin z dziećmi",
               description="Dziesięć miejsc noclegowych w Przemyślu.", sectors=["housing"],
               regions=["podkarpackie"], target_groups=["children"])
    item(organisation, title="Tłumacz języka ukraińskiego", description="Pomoc w urzędzie.", nationwide=True,
         sectors=["legal-aid"])
    item(organisation, title="Zamknięta potrzeba transportu", status=SupportItem.CLOSED)
    item(organisation, title="Wygasła potrzeba transportu",
         valid_until=timezone.localdate() - datetime.timedelta(days=1))
    translated = bed.copy_for_translation(locales["uk"])
    translated.title = "Ліжка для сімей з дітьми"
    translated.save()
    indexing.rebuild()

    assert titles("łóżka") == ["Łóżka dla rodzin z dziećmi"]
    assert titles("lozka rodzin")[0] == "Łóżka dla rodzin z dziećmi"  # both words: first
    assert titles("ліжка") == ["Łóżka dla rodzin z dziećmi"]  # the Ukrainian translation, one entry
    assert titles("transportu") == []  # closed and expired items are not searchable
    # Nationwide items count for every voivodeship.
    assert sorted(titles("", kind=["support"], voivodeship=["lubelskie"])) == ["Tłumacz języka ukraińskiego"]
    assert sorted(titles("", kind=["support"], voivodeship=["podkarpackie"])) == [
        "Tłumacz języka ukraińskiego", "Łóżka dla rodzin z dziećmi"]
    results = search(SearchRequest(filters={"kind": ["support"]}))
    assert results.count == 2
    assert dict(results.facets["sector"]) == {"housing": 1, "legal-aid": 1}
    assert dict(results.facets["target_group"]) == {"children": 1}
    hit = next(h for h in results.hits if h.title.startswith("Łóżka"))
    assert hit.url == f"/pl/needs-offers/{bed.pk}/"


def test_items_of_unpublished_or_restricted_organisations_are_hidden(engine, organisation,
                                                                     django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        item(organisation, title="Koce i śpiwory na zimę")
    assert titles("śpiwory") == ["Koce i śpiwory na zimę"]

    with django_capture_on_commit_callbacks(execute=True):
        organisation.unpublish()
    assert titles("śpiwory") == []

    with django_capture_on_commit_callbacks(execute=True):
        organisation.save_revision().publish()
    assert titles("śpiwory") == ["Koce i śpiwory na zimę"]

    PageViewRestriction.objects.create(page=organisation, restriction_type=PageViewRestriction.LOGIN)
    indexing.rebuild()
    assert titles("śpiwory") == []
    assert titles("śpiwory", audience={"public", "login"}) == []  # items are public or not indexed at all


def test_save_translation_delete_and_expiry_update_the_index(engine, organisation, locales,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = item(organisation, title="Potrzebni wolontariusze na dworcu")
    assert titles("wolontariusze") == ["Potrzebni wolontariusze na dworcu"]

    with django_capture_on_commit_callbacks(execute=True):
        need.title = "Potrzebni tłumacze na dworcu"
        need.save()
    assert titles("wolontariusze") == []
    assert titles("tłumacze") == ["Potrzebni tłumacze na dworcu"]

    with django_capture_on_commit_callbacks(execute=True):
        translated = need.copy_for_translation(locales["uk"])
        translated.title = "Потрібні перекладачі на вокзалі"
        translated.save()
    assert titles("перекладачі") == ["Potrzebni tłumacze na dworcu"]

    # The directory closes expired items with .update(): no signal, the hourly reconcile catches it.
    SupportItem.objects.filter(pk=need.pk).update(status=SupportItem.CLOSED)
    assert tasks.reconcile("support") == 1
    assert titles("tłumacze") == []
    SupportItem.objects.filter(pk=need.pk).update(status=SupportItem.OPEN)
    assert tasks.reconcile("support") == 1
    assert tasks.reconcile("support") == 0
    assert titles("tłumacze") == ["Potrzebni tłumacze na dworcu"]

    with django_capture_on_commit_callbacks(execute=True):
        translated.delete()
        need.delete()
    assert titles("tłumacze") == []
    assert not SearchEntry.objects.filter(key=f"support:{need.pk}", deleted=False).exists()
