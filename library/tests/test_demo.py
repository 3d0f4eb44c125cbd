"""The demo content loads twice without duplicates, and every library page it makes renders."""

import pytest
from django.core.management import call_command

from home.models import RESOURCE_TYPES
from library.models import DocumentText, LibraryIndexPage, ResourceCollection, ResourcePage

pytestmark = pytest.mark.django_db


def test_demo_loads_idempotently_and_every_page_renders(client, home_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", only=["home", "library"], stdout=open("/dev/null", "w"))
    counts = (ResourcePage.objects.count(), DocumentText.objects.count(), ResourceCollection.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", only=["home", "library"], stdout=open("/dev/null", "w"))
    assert (ResourcePage.objects.count(), DocumentText.objects.count(), ResourceCollection.objects.count()) == counts
    assert counts == (len(RESOURCE_TYPES) * 3, len(RESOURCE_TYPES) * 3, 3)
    for code in ("pl", "uk", "en"):
        types = set(ResourcePage.objects.live().filter(locale__language_code=code).values_list("resource_type", flat=True))
        assert types == {code for code, _label in RESOURCE_TYPES}
    # Words that appear only inside the files are stored for search.
    guide = ResourcePage.objects.get(slug="najem-mieszkania-poradnik", locale__language_code="pl")
    assert "Kaucja zwrotna" in guide.attachment_text
    guide_uk = guide.get_translation(guide.locale.__class__.objects.get(language_code="uk")).specific
    assert "Зворотна застава" in guide_uk.attachment_text
    for library in LibraryIndexPage.objects.all():
        response = client.get(library.url)
        assert response.status_code == 200
        assert response.context["resources"].paginator.count == len(RESOURCE_TYPES)
        assert client.get(library.url + "feed/rss/").status_code == 200
        assert client.get(library.url + "collections/na-dobry-poczatek/").status_code == 200
    for page in ResourcePage.objects.live():
        assert client.get(page.url).status_code == 200, page.url
    collection_en = ResourceCollection.objects.get(locale__language_code="en")
    assert [p.locale.language_code for p in collection_en.live_resources()] == ["en", "en", "en"]
