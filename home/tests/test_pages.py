"""Every page type of the frame renders in each language; the language switcher works."""

import pytest
from django.core.management import call_command

from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_pages):
    about = StandardPageFactory(parent=home_pages["pl"], slug="o-nas", title="O nas", show_in_menus=True)
    news_index = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    news = NewsPageFactory(parent=news_index, slug="spotkanie", title="Spotkanie Forum")
    pages = {"about": about, "news_index": news_index, "news": news}
    for code in ("uk", "en"):
        for key, page in list(pages.items()):
            pages[f"{key}_{code}"] = ensure_translation(page, code, title=f"{page.title} [{code}]")
    return pages


@pytest.mark.parametrize("code", ["pl", "uk", "en"])
def test_every_page_type_renders_in_each_language(client, home_pages, tree, code):
    for key in ("about", "news_index", "news"):
        page = tree[key] if code == "pl" else tree[f"{key}_{code}"]
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert page.title in html
    response = client.get(home_pages[code].url)
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


def test_language_switcher_lands_on_translation(client, tree):
    response = client.get(tree["news"].url)
    html = response.content.decode()
    assert f'href="{tree["news_uk"].url}" hreflang="uk"' in html
    assert f'hreflang="en" href="http://testserver{tree["news_en"].url}"' in html
    followed = client.get(tree["news_uk"].url)
    assert tree["news_uk"].title in followed.content.decode()


def test_switcher_without_translation_goes_to_home_in_that_language(client, home_pages):
    lonely = StandardPageFactory(parent=home_pages["pl"], slug="tylko-po-polsku", title="Tylko po polsku")
    html = client.get(lonely.url).content.decode()
    assert f'href="{home_pages["en"].url}" hreflang="en"' in html
    # No alternate is advertised for a language the page does not exist in.
    assert 'rel="alternate" hreflang="en"' not in html


def test_root_redirects_to_language_prefix(client, home_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 302
    assert response["Location"] == "/uk/"


def test_main_menu_lists_pages_in_reader_language(client, tree, home_pages):
    html = client.get(home_pages["en"].url).content.decode()
    assert tree["about_en"].title in html


@pytest.mark.parametrize(
    "path",
    ["/xx/", "/pl/no-such-page/", "/de/o-nas/", "/uk/%00/", "/pl/aktualnosci/nope/"],
)
def test_unknown_paths_are_404(client, tree, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404


@pytest.mark.parametrize("query", ["?page=abc", "?page=-1", "?page=999999", "?page=%ff%fe", "?page[]=1&x=%00"])
def test_malformed_query_strings_never_500(client, tree, query):
    response = client.get(tree["news_index"].url + query)
    assert response.status_code in (200, 400, 404)


def test_sitemap_and_robots(client, tree):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert tree["about"].url in sitemap.content.decode()
    robots = client.get("/robots.txt")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert client.get("/.well-known/security.txt").content.decode().startswith("Contact: mailto:")


def test_demo_data_is_idempotent_and_every_page_renders(client, home_page):
    from wagtail.models import Page

    call_command("load_demo_data")
    count = Page.objects.count()
    call_command("load_demo_data")
    assert Page.objects.count() == count
    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


@pytest.mark.parametrize("host", ["evil.example", "bad host!"])
def test_a_host_this_site_does_not_serve_is_a_bad_request(settings, home_pages, host):
    """#17 item 8: the 400 page rendered the frame, whose links ask request.get_host again: a 500."""
    from django.test import Client

    settings.ALLOWED_HOSTS = ["forum.example"]
    client = Client(raise_request_exception=False)
    for path in ("/pl/", "/en/no-such-page/", "/api/v1/groups"):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 400, (host, path)
        assert "Bad request" in response.content.decode()
    assert client.get("/pl/", HTTP_HOST="forum.example").status_code == 200
