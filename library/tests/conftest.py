"""Fixtures of the library's tests: a library in pl (and its translations) with a known dataset."""

import datetime

import pytest

from home.models import Language, Sector, TargetGroup
from library.factories import LibraryIndexPageFactory, ResourcePageFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def library(home_page):
    return LibraryIndexPageFactory(parent=home_page, title="Biblioteka", slug="biblioteka")


def make_resource(library, title, resource_type="guide", date=(2026, 1, 15), topics=(), sectors=(), targets=(),
                  languages=(), **fields):
    page = ResourcePageFactory(parent=library, title=title, resource_type=resource_type,
                               publication_date=datetime.date(*date), **fields)
    page.sectors.set(Sector.objects.filter(code__in=sectors))
    page.target_groups.set(TargetGroup.objects.filter(code__in=targets))
    page.languages.set(Language.objects.filter(code__in=languages))
    for topic in topics:
        page.topics.add(topic)
    page.save_revision().publish()
    return page


@pytest.fixture
def dataset(library):
    """Five live resources and one draft with known classifications."""
    pages = [
        make_resource(library, "Najem mieszkania krok po kroku", "guide", (2026, 3, 1), ["mieszkanie", "prawo"],
                      ["housing", "legal-aid"], ["refugees-ukraine"], ["pl", "uk"]),
        make_resource(library, "Raport o potrzebach mieszkaniowych", "report", (2025, 6, 1), ["mieszkanie"],
                      ["housing"], ["refugees-ukraine", "women"], ["pl"]),
        make_resource(library, "Szkoła dla dzieci z Ukrainy", "guide", (2025, 9, 1), ["edukacja"],
                      ["education", "children-youth"], ["children"], ["pl", "uk"]),
        make_resource(library, "Dobra praktyka: klub pracy", "good-practice", (2024, 5, 1), ["praca"],
                      ["employment"], ["refugees-ukraine"], ["uk"]),
        make_resource(library, "Wzór umowy wolontariackiej", "template", (2026, 2, 1), ["prawo"],
                      ["volunteering", "legal-aid"], ["ngos"], ["pl", "en"]),
    ]
    draft = ResourcePageFactory(parent=library, title="Szkic niepublikowany", resource_type="guide", live=False)
    draft.sectors.set(Sector.objects.filter(code="housing"))
    return {"pages": pages, "draft": draft}
