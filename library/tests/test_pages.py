"""The library's pages render, filter with exact facet counts in bounded SQL, and escape hostile text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory
from home.factories import StandardPageFactory
from home.translation import ensure_translation
from library.models import LibraryIndexPage, ResourcePage, Topic
from search import indexing

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def facet(response, key):
    facets = {f.key: f for f in response.context["facets"]}
    return {option["value"]: option["count"] for option in facets[key].options}


def test_listing_shows_live_resources_with_exact_facet_counts(client, dataset, library):
    response = client.get(library.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Najem mieszkania krok po kroku" in html
    assert "Szkic niepublikowany" not in html
    assert response.context["resources"].paginator.count == 5
    assert facet(response, "type") == {"guide": 2, "report": 1, "good-practice": 1, "template": 1}
    assert facet(response, "topic") == {"mieszkanie": 2, "prawo": 2, "edukacja": 1, "praca": 1}
    assert facet(response, "sector") == {"housing": 2, "legal-aid": 2, "education": 1, "children-youth": 1,
                                         "employment": 1, "volunteering": 1}
    assert facet(response, "target") == {"refugees-ukraine": 3, "women": 1, "children": 1, "ngos": 1}
    assert facet(response, "language") == {"pl": 4, "uk": 3, "en": 1}
    assert facet(response, "year") == {"2026": 2, "2025": 2, "2024": 1}


def test_filters_combine_and_facets_keep_their_own_options(client, dataset, library):
    response = client.get(library.url, {"sector": "housing", "type": "guide"})
    titles = [page.title for page in response.context["resources"]]
    assert titles == ["Najem mieszkania krok po kroku"]
    # The type facet ignores its own filter: the reader can widen to reports on housing.
    assert facet(response, "type") == {"guide": 1, "report": 1}
    assert facet(response, "sector") == {"housing": 1, "legal-aid": 1, "education": 1, "children-youth": 1}
    response = client.get(library.url, {"type": ["guide", "report"], "year": "2025"})
    assert {p.title for p in response.context["resources"]} == {"Raport o potrzebach mieszkaniowych",
                                                                "Szkoła dla dzieci z Ukrainy"}


def test_sorting_and_shareable_url(client, dataset, library):
    response = client.get(library.url, {"sort": "oldest"})
    assert [p.title for p in response.context["resources"]][0] == "Dobra praktyka: klub pracy"
    response = client.get(library.url, {"sort": "title"})
    assert [p.title for p in response.context["resources"]][0] == "Dobra praktyka: klub pracy"
    response = client.get(library.url, {"sort": "bogus", "year": "20x6", "type": "<script>"})
    assert response.status_code == 200
    assert response.context["listing"].sort == "newest"
    assert response.context["resources"].paginator.count == 0  # an unknown type matches nothing
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_full_text_query_finds_words_in_summary_and_attachment_text(client, dataset, library):
    page = dataset["pages"][3]
    ResourcePage.objects.filter(pk=page.pk).update(attachment_text="harmonogram warsztatów rekrutacyjnych")

    indexing.rebuild()  # the library's box asks the search service (its index is updated on commit)
    response = client.get(library.url, {"q": "harmonogram"})
    assert [p.title for p in response.context["resources"]] == ["Dobra praktyka: klub pracy"]
    assert response.context["listing"].sort == "relevance"


def frame_queries(client, home_page):
    """Queries that any page of the site costs (header, menu, languages, footer: home's frame),
    measured on a plain page once warm (other apps' tests use it as their baseline)."""
    plain = StandardPageFactory(parent=home_page, slug="plain")
    client.get(plain.url)
    with CaptureQueriesContext(connection) as frame:
        client.get(plain.url)
    return len(frame.captured_queries)


# The developers' guide's bar for every listing and detail page, with the frame's cache off
# (the worst case: every frame part computed).
PAGE_QUERY_BAR = 25


def test_listing_queries_are_bounded_independent_of_size(client, settings, dataset, library, home_page,
                                                         django_assert_max_num_queries):
    settings.FRAME_CACHE = False
    client.get(library.url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as small:
        client.get(library.url, {"sector": "housing"})
    for n in range(15):
        make_resource(library, f"Dodatkowy zasób {n}", "report", (2023, 1, 1), [f"temat{n}"], ["health"],
                      ["migrants"], ["ru"])
    with django_assert_max_num_queries(PAGE_QUERY_BAR):
        response = client.get(library.url)
    assert len(response.context["resources"].object_list) == 20
    with CaptureQueriesContext(connection) as large:
        client.get(library.url, {"sector": "housing"})
    assert len(large.captured_queries) == len(small.captured_queries) <= PAGE_QUERY_BAR


def test_topic_page_lists_only_that_topic(client, dataset, library):
    response = client.get(library.url + "topics/prawo/")
    assert response.status_code == 200
    assert {p.title for p in response.context["resources"]} == {"Najem mieszkania krok po kroku",
                                                                "Wzór umowy wolontariackiej"}
    assert client.get(library.url + "topics/nie-ma-takiego/").status_code == 404


def test_resource_page_shows_metadata_related_and_languages(client, settings, dataset, library, home_pages,
                                                            django_assert_max_num_queries):
    settings.FRAME_CACHE = False
    page = dataset["pages"][0]
    translation = ensure_translation(page, "uk", title="Оренда житла крок за кроком")
    client.get(page.url)
    with django_assert_max_num_queries(PAGE_QUERY_BAR):
        response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Raport o potrzebach mieszkaniowych" in html  # related by topic and sector
    assert "Wzór umowy wolontariackiej" in html  # related by topic "prawo"
    assert "Dobra praktyka: klub pracy" not in html
    assert f'href="{translation.url}" hreflang="uk"' in html
    for name, key in [("sectors", "sectors"), ("target_groups", "target_groups"), ("regions", "regions"),
                      ("languages", "material_languages")]:  # one query for all four and the topics
        assert [t.code for t in response.context[key]] == list(getattr(page, name).values_list("code", flat=True))
    given = [tagged.tag for tagged in page.tagged_items.select_related("tag").order_by("pk")]
    assert given and [(t.pk, t.slug, t.label) for t in response.context["topics"]] == [
        (t.pk, t.slug, t.label) for t in given]
    assert LibraryIndexPage.objects.filter(locale__language_code="uk").exists()


def test_hostile_text_is_escaped(client, library):
    page = make_resource(library, 'Zły <script>alert(1)</script>', summary='<img src=x onerror=alert(1)> \u202eevil',
                         authors='"><script>x</script>')
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;" in html
    listing = client.get(library.url).content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_publisher_from_the_directory_links_to_its_profile(client, library, home_page):
    directory = DirectoryIndexPageFactory(parent=home_page)
    organisation = OrganisationPageFactory(parent=directory, title="Fundacja Dom")
    page = make_resource(library, "Poradnik fundacji", publisher=organisation, publisher_name="ignored")
    html = client.get(page.url).content.decode()
    assert f'<a href="{organisation.url}">Fundacja Dom</a>' in html
    assert list(organisation.library_resources.all()) == [page]


def test_topics_are_named_in_the_readers_language(client, dataset, library, home_pages):
    Topic.objects.filter(slug="mieszkanie").update(name_uk="Житло", name_en="Housing")
    library_uk = ensure_translation(library, "uk", title="Бібліотека")
    page = dataset["pages"][0]
    page_uk = ensure_translation(page, "uk", title="Оренда житла")
    # The Ukrainian listing, facet and resource page name the topic in Ukrainian…
    response = client.get(library_uk.url)
    assert facet(response, "topic") == {"mieszkanie": 1, "prawo": 1}
    labels = {o["value"]: o["label"] for f in response.context["facets"] if f.key == "topic" for o in f.options}
    assert labels == {"mieszkanie": "Житло", "prawo": "prawo"}  # …and in Polish where not translated
    assert ">Житло</a>" in response.content.decode()
    assert ">Житло</a>" in client.get(page_uk.url).content.decode()
    topic_page = client.get(library_uk.url + "topics/mieszkanie/").content.decode()
    assert "<h1>" in topic_page and "Житло" in topic_page.split("<h1>")[1].split("</h1>")[0]
    # The same topic keeps its Polish name in the Polish library; the slug is shared.
    response = client.get(library.url)
    labels = {o["value"]: o["label"] for f in response.context["facets"] if f.key == "topic" for o in f.options}
    assert labels["mieszkanie"] == "mieszkanie"
    assert "Житло" not in client.get(library.url + "topics/mieszkanie/").content.decode()
    rss = client.get(library_uk.url + "topics/mieszkanie/feed/rss/").content.decode()
    assert "Житло" in rss


@pytest.mark.parametrize("params", [
    {"q": "qwertyzz"}, {"q": "qwertyzz", "sort": "relevance"},  # no hit: nothing to rank by relevance
    {"q": 'najem"'}, {"q": "abc\x00def"}, {"q": '"'}, {"q": "-najem OR NEAR(x)*"},  # search syntax, control characters
    {"year": "0000"}, {"year": "²²²²"}, {"year": "١٢٣٤"}, {"year": "99999"},  # not a year a date can have
    {"topic": "abc\x00def", "sector": "a\x00", "language": "\x00", "target": "\x00", "type": "\x00"},  # PostgreSQL: DataError
])
def test_typos_and_malformed_values_answer_the_listing_never_a_server_error(client, dataset, library, params):
    """#17 items 3 and 8: a query without hits was a KeyError ('relevance'), year 0000 or "²²²²" a ValueError."""
    response = client.get(library.url, params)
    assert response.status_code == 200
    if params.get("q") == "qwertyzz":
        assert response.context["resources"].paginator.count == 0


def test_the_query_is_cleaned_like_the_site_search(client, dataset, library):
    """#17 item 9: bidi controls are not echoed; the words still find the resource."""
    indexing.rebuild()  # the library's box asks the search service
    response = client.get(library.url, {"q": "\u202enajem\x00"})
    html = response.content.decode()
    assert "\u202e" not in html and "\x00" not in html
    assert "Najem mieszkania krok po kroku" in html
