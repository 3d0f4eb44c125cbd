"""The rebuild command: a new index behind the alias, old indexes removed, search answering."""

import pytest
from django.core.management import call_command

from search.documents import alias_name

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
