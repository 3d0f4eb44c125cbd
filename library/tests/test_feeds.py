"""RSS and Atom feeds of new resources, for the library and per topic; collections."""

import xml.etree.ElementTree as ET

import pytest

from library.models import CollectionItem, ResourceCollection

from .conftest import make_resource

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_lists_new_resources(client, dataset, library):
    response = client.get(library.url + "feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert len(titles) == 5 and "Szkic niepublikowany" not in titles
    assert channel.findtext("language") == "pl"
    link = channel.find("item").findtext("link")
    assert link.startswith("http://testserver/pl/biblioteka/")


def test_topic_feeds_rss_and_atom(client, dataset, library):
    rss = ET.fromstring(client.get(library.url + "topics/mieszkanie/feed/rss/").content)
    assert {i.findtext("title") for i in rss.find("channel").findall("item")} == {
        "Najem mieszkania krok po kroku", "Raport o potrzebach mieszkaniowych"}
    response = client.get(library.url + "topics/prawo/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = ET.fromstring(response.content)
    assert {e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")} == {
        "Najem mieszkania krok po kroku", "Wzór umowy wolontariackiej"}
    assert client.get(library.url + "topics/brak/feed/rss/").status_code == 404


def test_feed_escapes_hostile_text(client, library):
    make_resource(library, "Tytuł <script>alert(1)</script>", summary="<img src=x onerror=alert(1)>")
    body = client.get(library.url + "feed/rss/").content.decode()
    assert "<script>" not in body and "<img" not in body
    assert ET.fromstring(body.encode()).find("channel/item/title").text == "Tytuł <script>alert(1)</script>"


def test_collection_page_keeps_editor_order(client, dataset, library):
    pages = dataset["pages"]
    collection = ResourceCollection(title="Na start", slug="na-start", locale_id=library.locale_id, is_featured=True)
    collection.items = [CollectionItem(resource=pages[3], sort_order=0), CollectionItem(resource=pages[0], sort_order=1),
                        CollectionItem(resource=dataset["draft"], sort_order=2)]
    collection.save()
    response = client.get(library.url + "collections/na-start/")
    assert response.status_code == 200
    assert [p.pk for p in response.context["resources"]] == [pages[3].pk, pages[0].pk]
    assert "Na start" in client.get(library.url).content.decode()  # featured on the library page
    assert client.get(library.url + "collections/nie-ma/").status_code == 404
