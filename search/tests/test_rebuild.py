"""The rebuild command: a new index behind the alias, old indexes removed, search answering."""

import pytest
from django.core.management import call_command

from home.models import Sector
from library.factories import LibraryIndexPageFactory, ResourcePageFactory
from library.models import ResourcePage
from search import indexing
from search.documents import alias_name
from search.models import SearchEntry, SearchEntryFacet

from .helpers import titles

pytestmark = pytest.mark.django_db


def test_rebuild_swaps_the_alias(es, corpus, capsys):
    call_command("search_index", "--rebuild", "--no-progress")
    first = set(es.indices.get_alias(name=alias_name()))
    assert "indexed 4 entries" in capsys.readouterr().out.lower()
    assert "Wsparcie dla uchodźców z Ukrainy" in titles("uchodźców")

    call_command("search_index", "--rebuild", "--no-progress")
    second = set(es.indices.get_alias(name=alias_name()))
    assert len(second) == 1 and second != first
    assert not es.indices.exists(index=",".join(first))
    assert "Wsparcie dla uchodźców z Ukrainy" in titles("uchodźców")


def test_rebuild_without_elasticsearch_refreshes_the_database_copy(no_es, corpus, capsys):
    call_command("search_index", "--rebuild", "--no-progress")
    assert "database copy" in capsys.readouterr().out
    assert "Partnerstwo ze Lwowem" in titles("Lviv")


def _resource(library, title, sectors):
    page = ResourcePageFactory(parent=library, title=title)
    page.sectors.set(Sector.objects.filter(code__in=sectors))
    page.save()
    return page


def _rebuild_queries(django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    SearchEntry.objects.all().delete()  # each measured rebuild starts from an empty copy
    with CaptureQueriesContext(connection) as captured:
        indexing.rebuild()
    return len(captured.captured_queries)


def test_rebuild_queries_do_not_grow_with_the_number_of_pages(es, home_page, django_assert_max_num_queries):
    """Restrictions, URLs and facets are read per chunk, not per page."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    library = LibraryIndexPageFactory(parent=home_page)
    restriction = PageViewRestriction.objects.create(page=library, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Biblioteka wewnętrzna"))
    _resource(library, "Pierwszy zasób", ["housing"])
    _rebuild_queries(django_assert_max_num_queries)  # warm caches (site root paths)
    few = _rebuild_queries(django_assert_max_num_queries)
    for n in range(8):
        _resource(library, f"Zasób numer {n}", ["housing", "education"])
    assert _rebuild_queries(django_assert_max_num_queries) == few
    rows = SearchEntry.objects.filter(kind="resource")
    assert rows.count() == 9
    # Every page below the restricted library carries the group's audience; URLs are the pages' own.
    group_token = f"group:{restriction.groups.get().pk}"
    audiences = SearchEntryFacet.objects.filter(entry__kind="resource", name="audience").values_list("value", flat=True)
    assert set(audiences) == {group_token}

    for page in ResourcePage.objects.all():
        assert rows.get(object_id=str(page.pk)).url == page.get_url()


def test_rebuild_keeps_unchanged_facet_rows(es, home_page):
    """A second rebuild rewrites no facet row of unchanged content, and fixes the changed ones."""
    library = LibraryIndexPageFactory(parent=home_page)
    page = _resource(library, "Poradnik najmu", ["housing"])
    _resource(library, "Poradnik szkolny", ["education"])
    indexing.rebuild()
    before = set(SearchEntryFacet.objects.values_list("pk", "name", "value"))
    indexing.rebuild()
    assert set(SearchEntryFacet.objects.values_list("pk", "name", "value")) == before

    page.sectors.set(Sector.objects.filter(code="legal-aid"))
    page.save()
    indexing.rebuild()
    after = set(SearchEntryFacet.objects.values_list("pk", "name", "value"))
    assert {(name, value) for _pk, name, value in before - after} == {("sector", "housing")}
    assert {(name, value) for _pk, name, value in after - before} == {("sector", "legal-aid")}
    assert titles("", sector=["legal-aid"]) == ["Poradnik najmu"]
