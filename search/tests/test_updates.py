"""Publishing, unpublishing, deleting, moving and restricting update the index (through tasks)."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import NewsPageFactory, StandardPageFactory
from home.translation import ensure_translation
from search import indexing
from search.models import SearchEntry

from .helpers import titles

pytestmark = pytest.mark.django_db



def test_publish_unpublish_delete(engine, news_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory(parent=news_index, slug="nowy", title="Nabór wniosków grantowych")
        page.save_revision().publish()
    assert titles("grantowych") == ["Nabór wniosków grantowych"]

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Nabór wniosków zakończony"
        page.save_revision().publish()
    assert titles("grantowych") == []
    assert titles("zakończony") == ["Nabór wniosków zakończony"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("zakończony") == []

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles("zakończony") == ["Nabór wniosków zakończony"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles("zakończony") == []
    assert not SearchEntry.objects.filter(key=f"news:{page.pk}").exists() or engine == "database"


def test_restriction_and_move_update_the_subtree(engine, home_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        parent = StandardPageFactory(parent=home_pages["pl"], slug="sekcja", title="Sekcja robocza")
        child = StandardPageFactory(parent=parent, slug="notatka", title="Notatka o mieszkalnictwie")
        child.save_revision().publish()
    assert titles("mieszkalnictwie") == ["Notatka o mieszkalnictwie"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    assert titles("mieszkalnictwie") == []
    assert titles("mieszkalnictwie", audience={"public", "login"}) == ["Notatka o mieszkalnictwie"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles("mieszkalnictwie") == ["Notatka o mieszkalnictwie"]

    other = StandardPageFactory(parent=home_pages["pl"], slug="inna", title="Inna sekcja")
    with django_capture_on_commit_callbacks(execute=True):
        child.move(other, pos="last-child")
    entry = SearchEntry.objects.get(key=f"page:{child.pk}")
    assert "/inna/notatka/" in entry.url


def test_translation_is_indexed_in_its_language(engine, news_index, django_capture_on_commit_callbacks):
    page = NewsPageFactory(parent=news_index, slug="lekcje", title="Lekcje języka polskiego")
    with django_capture_on_commit_callbacks(execute=True):
        ensure_translation(page, "uk", title="Уроки польської мови")
    # One item: each reader sees the title of their own language, a third language the original.
    assert titles("польської", reader="uk", language=["uk"]) == ["Уроки польської мови"]
    assert titles("польської", reader="pl") == ["Lekcje języka polskiego"]
    assert titles("польської", reader="en") == ["Lekcje języka polskiego"]


def test_updates_while_elasticsearch_is_down_are_not_lost(es, settings, news_index, closed_port,
                                                         django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory(parent=news_index, slug="awaria", title="Dyżur w czasie awarii")
        page.save_revision().publish()
    assert SearchEntry.objects.get(key=f"news:{page.pk}").synced is False

    settings.ELASTICSEARCH_URL = es.transport.node_pool.get().base_url
    assert indexing.push_pending() == 1
    assert titles("awarii") == ["Dyżur w czasie awarii"]
