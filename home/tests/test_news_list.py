"""The news index keeps its list as HTML for everyone (NewsIndexPage.news_list): a publication and a
restriction written without signals show on the next request, and each page of the list is its own."""

import pytest
from wagtail.models import Page, PageViewRestriction

from home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    settings.FRAME_CACHE = True


def test_the_kept_news_list_follows_publications_restrictions_and_pages(client, home_page, user_factory):
    index = NewsIndexPageFactory(parent=home_page, slug="aktualnosci")
    first = NewsPageFactory(parent=index, slug="pierwsza", title="Pierwsza wiadomość")
    assert "Pierwsza wiadomość" in client.get(index.url).content.decode()  # kept
    NewsPageFactory(parent=index, slug="druga", title="Druga wiadomość")
    assert "Druga wiadomość" in client.get(index.url).content.decode()
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=first.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert "Pierwsza wiadomość" not in client.get(index.url).content.decode()
    client.force_login(user_factory())  # the list shows public news only, whoever reads it
    assert "Pierwsza wiadomość" not in client.get(index.url).content.decode()
    for number in range(12):
        NewsPageFactory(parent=index, slug=f"kolejna-{number}", title=f"Kolejna {number}")
    page_one, page_two = (client.get(index.url, {"page": n}).content.decode() for n in (1, 2))
    assert "Druga wiadomość" not in page_one and "Druga wiadomość" in page_two
