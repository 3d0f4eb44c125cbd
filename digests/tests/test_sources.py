"""The apps' digest sources: library resources carry sectors and regions; sources are bounded in SQL."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digests import delivery
from digests.factories import SubscriptionFactory
from digests.sources import collect_items
from home.models import Sector, Voivodeship
from home.translation import ensure_translation
from library.factories import LibraryIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
IN_PERIOD = timezone.make_aware(datetime.datetime(2026, 11, 18, 12, 0))
START, END = IN_PERIOD - datetime.timedelta(days=2), IN_PERIOD + datetime.timedelta(days=2)


def resource(library, slug, sectors, regions, title):
    page = ResourcePageFactory(parent=library, slug=slug, title=title)
    page.sectors.set(Sector.objects.filter(code__in=sectors))
    page.regions.set(Voivodeship.objects.filter(code__in=regions))
    page.save_revision().publish()
    type(page).objects.filter(pk=page.pk).update(first_published_at=IN_PERIOD)
    return page


@pytest.fixture
def library(home_pages):
    library = LibraryIndexPageFactory(parent=home_pages["pl"])
    ensure_translation(library, "en", title="Knowledge library")
    housing = resource(library, "najem", ["housing"], ["lubelskie"], "Poradnik najmu mieszkania")
    ensure_translation(housing, "en", title="A guide to renting a flat")
    resource(library, "szkola", ["education"], [], "Zapisy do szkoły")
    return library


def test_library_items_carry_sectors_regions_and_translations(library):
    items = {item.texts["pl"].title: item for item in collect_items(START, END) if item.kind == "library"}
    housing = items["Poradnik najmu mieszkania"]
    assert housing.sectors == {"housing"} and housing.voivodeships == {"lubelskie"}
    assert housing.texts["en"].title == "A guide to renting a flat"
    assert housing.texts["en"].url.startswith("http://") and "/en/" in housing.texts["en"].url
    assert items["Zapisy do szkoły"].voivodeships == frozenset()


def test_library_resources_reach_the_right_subscribers(library):
    SubscriptionFactory(email="housing@example.org", kinds=["library"], sectors=["housing"], language="en")
    SubscriptionFactory(email="health@example.org", kinds=["library"], sectors=["health"])
    SubscriptionFactory(email="slaskie@example.org", kinds=["library"], voivodeships=["slaskie"])
    delivery.plan_digest("weekly", now=NOW)
    sent = {message.to[0]: message.body for message in mail.outbox}
    assert "A guide to renting a flat" in sent["housing@example.org"]
    assert "Zapisy do szkoły" not in sent["housing@example.org"]
    assert "health@example.org" not in sent
    # Schools (nationwide) reach a subscriber of śląskie; a lubelskie flat guide does not.
    assert "Zapisy do szkoły" in sent["slaskie@example.org"]
    assert "Poradnik najmu" not in sent["slaskie@example.org"]


def test_sources_query_count_does_not_grow_with_items(library):
    collect_items(START, END)  # warms Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as few:
        collect_items(START, END)
    for index in range(6):
        resource(library, f"extra-{index}", ["housing"], ["lubelskie"], f"Dodatkowy {index}")
    with CaptureQueriesContext(connection) as many:
        assert len(collect_items(START, END)) >= 8
    assert len(many) == len(few), "\n".join(q["sql"][:90] for q in many.captured_queries)
