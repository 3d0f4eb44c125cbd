"""The catalogue: facets, search through the site's search service, cards with the stage, the record
page with its organisation and library documents, one item per innovation in the reader's language."""

import pytest

from digests.emails import compose_digest
from digests.factories import SubscriptionFactory
from digests.sources import collect_items
from innovations.factories import InnovationPageFactory
from library.factories import LibraryIndexPageFactory, ResourcePageFactory
from search import indexing
from search.tests.conftest import engine, es, no_es  # noqa: F401

pytestmark = pytest.mark.django_db


def catalogue_html(client, world, language="pl", **params):
    from django.utils import translation

    with translation.override(language):
        url = world.catalogue.localized.url
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def test_cards_show_the_stage_and_each_item_once_in_the_readers_language(client, three_languages):
    w = three_languages
    html = catalogue_html(client, w, "uk").content.decode()
    assert "Клуб роботи для жінок" in html and "Klub pracy dla kobiet" not in html
    assert "Szkoła językowa dla seniorów" in html  # not translated: shown in its own language
    assert 'data-stage="proven"' in html and 'data-stage="idea"' in html
    assert "Перевірена" in html and "Ідея" in html
    assert html.count('class="card"') == 2
    en = catalogue_html(client, w, "en").content.decode()
    assert "Job club for women" in en and en.count('class="card"') == 2


def test_facets_filter_and_count(client, three_languages):
    w = three_languages
    response = catalogue_html(client, w, stage="idea")
    html = response.content.decode()
    assert "Szkoła językowa" in html and "Klub pracy" not in html
    facets = {group["param"]: {v["code"]: v["count"] for v in group["values"]} for group in response.context["facets"]}
    assert facets["stage"] == {"proven": 1, "idea": 1}  # a facet's own filter does not narrow its counts
    assert facets["cost"] == {"under-20k": 1}
    assert facets["region"]["lubelskie"] == 1  # nationwide counts in every voivodeship
    html = catalogue_html(client, w, region="malopolskie").content.decode()
    assert "Klub pracy" in html and "Szkoła językowa" in html  # the nationwide one is there too
    html = catalogue_html(client, w, region="lubelskie", sector="employment").content.decode()
    assert "Klub pracy" not in html and "Szkoła językowa" not in html
    html = catalogue_html(client, w, target_group="women", cost="20k-100k").content.decode()
    assert "Klub pracy" in html and "Szkoła językowa" not in html
    # Unknown codes and hostile values are ignored, never an error.
    assert catalogue_html(client, w, stage="\x00'", sector="<x>", page="99999").status_code == 200


def test_search_through_the_site_search_service(client, three_languages, engine):
    w = three_languages
    indexing.rebuild()
    html = catalogue_html(client, w, q="kobiet").content.decode()  # inflected: "kobiety"/"kobiet"
    assert "Klub pracy dla kobiet" in html and "Szkoła językowa" not in html
    html = catalogue_html(client, w, "uk", q="seniorów").content.decode()
    assert "Szkoła językowa dla seniorów" in html and "Клуб роботи" not in html
    # The site search has the type "innovation", one result per item, in the reader's language.
    data = client.get("/api/v1/search", {"q": "klub", "type": "innovation", "hl": "en"}).json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert hit["type"] == "innovation" and hit["title"] == "Job club for women"
    assert set(hit["languages"]) == {"pl", "uk", "en"}


def test_record_page_links_the_organisation_and_its_library_documents(client, world):
    library = LibraryIndexPageFactory(parent=world.catalogue.get_parent())
    ResourcePageFactory(parent=library, title="Raport z klubu pracy", slug="raport", publisher=world.org_a)
    ResourcePageFactory(parent=library, title="Cudzy poradnik", slug="cudzy", publisher=world.org_b)
    html = client.get(world.innovation.url).content.decode()
    assert f'href="{world.org_a.url}"' in html
    assert "Raport z klubu pracy" in html and "Cudzy poradnik" not in html
    assert "Sprawdzona" in html
    # The contact person only for signed-in readers.
    assert "anna@example.org" not in html
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(world.outsider)
    assert "anna@example.org" in signed_in.get(world.innovation.url).content.decode()


def test_drafts_and_restricted_innovations_are_not_listed(client, world):
    from wagtail.models import PageViewRestriction

    draft = InnovationPageFactory(parent=world.catalogue, title="Szkic innowacji", slug="szkic", live=False)
    hidden = InnovationPageFactory(parent=world.catalogue, title="Tylko dla zalogowanych", slug="ukryta")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    html = catalogue_html(client, world).content.decode()
    assert "Klub pracy" in html and draft.title not in html and hidden.title not in html
    assert client.get(draft.url or f"{world.catalogue.url}szkic/").status_code == 404


def test_home_page_section_and_atom_feed(client, three_languages):
    w = three_languages
    html = client.get("/uk/").content.decode()
    assert "Інновації, готові до масштабування" in html and "Клуб роботи для жінок" in html
    feed = client.get(w.catalogue.url + "feed/atom/")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Klub pracy dla kobiet (Sprawdzona)" in body and "Szkoła językowa" in body


def test_digest_items_carry_every_language_and_the_sectors(three_languages):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    items = [item for item in collect_items(now - datetime.timedelta(days=1), now + datetime.timedelta(minutes=1))
             if item.kind == "innovations"]
    assert len(items) == 2
    club = next(item for item in items if "Klub" in item.texts["pl"].title)
    assert set(club.texts) == {"pl", "uk", "en"} and club.sectors == {"employment"}
    assert club.voivodeships == {"malopolskie"}
    seniors = next(item for item in items if item is not club)
    assert seniors.voivodeships == frozenset()  # nationwide: matches every preference


def test_a_digest_has_an_innovations_section_in_the_subscribers_language(three_languages):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    items = collect_items(now - datetime.timedelta(days=1), now + datetime.timedelta(minutes=1))
    subscription = SubscriptionFactory(email="czytelniczka@example.org", language="uk", kinds=["innovations"])
    message = compose_digest(subscription, [i for i in items if i.kind == "innovations"], "test", now, now)
    assert "Інновації, готові до масштабування" in message.body
    assert "Клуб роботи для жінок" in message.body and "Szkoła językowa dla seniorów" in message.body


def test_translations_carry_the_facets_and_wagtail_localize_translates_the_texts(client, three_languages):
    from wagtail_localize.models import TranslationSource

    w = three_languages
    assert (w.innovation_uk.sectors_mask, w.innovation_uk.served_mask) == (w.innovation.sectors_mask,
                                                                          w.innovation.served_mask)
    response = catalogue_html(client, w, "uk", sector="employment")
    assert "Клуб роботи для жінок" in response.content.decode()
    source, _created = TranslationSource.get_or_create_from_instance(w.innovation)
    segments = set(source.stringsegment_set.values_list("context__path", flat=True))
    assert {"summary", "problem", "solution", "results", "requirements"} <= segments
    assert "contact_email" not in segments and "stage" not in segments
