"""A resource page keeps its article as HTML for every reader (ResourcePage.article): a publication,
a renamed topic and a changed file show on the next request, a restriction written without signals
still turns visitors away, and a preview shows the unsaved values."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from library.models import ResourceAttachment, Topic

from .conftest import make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frame_cache_on(settings):
    settings.FRAME_CACHE = True


def _document(title):
    document = get_document_model()(title=title)
    document.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    document.save()
    return document


def test_the_kept_article_follows_publications_topics_and_files(client, library):
    page = make_resource(library, "Poradnik najmu", topics=["mieszkanie"], summary="Pierwsze streszczenie")
    document = _document("Wzor umowy")
    ResourceAttachment.objects.create(page=page, document=document)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Pierwsze streszczenie" in html and "Wzor umowy" in html and ">mieszkanie</a>" in html
    assert client.get(page.url).content.decode() == html  # kept

    page.summary = "Drugie streszczenie"
    page.save_revision().publish()
    assert "Drugie streszczenie" in client.get(page.url).content.decode()

    topic = Topic.objects.get(slug="mieszkanie")
    topic.name = "mieszkalnictwo"
    topic.save()
    assert ">mieszkalnictwo</a>" in client.get(page.url).content.decode()

    document.title = "Wzor umowy 2027"
    document.save()
    assert "Wzor umowy 2027" in client.get(page.url).content.decode()


def test_a_restriction_written_without_signals_still_turns_visitors_away(client, library, user_factory):
    page = make_resource(library, "Poradnik dla członków")
    assert client.get(page.url).status_code == 200  # kept for everyone
    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=page.pk), restriction_type=PageViewRestriction.LOGIN)])
    assert client.get(page.url).status_code == 302  # Wagtail's check comes before the kept article
    client.force_login(user_factory())
    assert "Poradnik dla członków" in client.get(page.url).content.decode()


def test_a_preview_shows_the_unsaved_values(client, library):
    page = make_resource(library, "Poradnik w pracy", summary="Opublikowane streszczenie")
    client.get(page.url)  # kept
    page.summary = "Niezapisane streszczenie"
    html = page.make_preview_request().content.decode()
    assert "Niezapisane streszczenie" in html and "Opublikowane streszczenie" not in html
