"""Library resources: words only inside an attached file are found; sector and topic facets."""

import pytest

from home.models import Sector
from library.demo_files import pdf_bytes
from library.factories import LibraryIndexPageFactory, ResourcePageFactory, document
from search.engines import SearchRequest, search

from .helpers import titles

pytestmark = pytest.mark.django_db



def test_words_inside_an_attached_pdf(engine, home_page, django_capture_on_commit_callbacks):
    library = LibraryIndexPageFactory(parent=home_page)
    with django_capture_on_commit_callbacks(execute=True):
        page = ResourcePageFactory(parent=library, title="Poradnik dla wynajmujących", summary="Krótki poradnik.")
        page.sectors.set(Sector.objects.filter(code="housing"))
        page.topics.add("najem")
        page.save_revision().publish()
    assert titles("okazjonalnego") == []

    with django_capture_on_commit_callbacks(execute=True):
        doc = document("umowa.pdf", pdf_bytes(["Wzór umowy najmu okazjonalnego lokalu"]))
        page.attachments.create(document=doc)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # the attachment is part of the page: editors publish it
    assert titles("okazjonalnego") == ["Poradnik dla wynajmujących"]
    assert titles("umowa najmu", sector=["housing"]) == ["Poradnik dla wynajmujących"]
    assert titles("umowa najmu", sector=["education"]) == []

    results = search(SearchRequest(text="okazjonalnego"))
    facets = {name: dict(buckets) for name, buckets in results.facets.items()}
    assert facets["kind"] == {"resource": 1}
    assert facets["sector"] == {"housing": 1}
    assert facets["topic"] == {"najem": 1}
    assert facets["year"] == {"2026": 1}

    # Text typed by an editor for a scanned file reaches the index without a new publish.
    with django_capture_on_commit_callbacks(execute=True):
        record = doc.extracted
        record.text = "Aneks do umowy o podnajem"
        record.save()
    assert titles("podnajem") == ["Poradnik dla wynajmujących"]
