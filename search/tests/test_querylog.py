"""The query log's one-statement count (search.querylog.record) on PostgreSQL and SQLite."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search import querylog
from search.models import QueryStat


@pytest.mark.django_db(transaction=True)
def test_each_search_counts_once_with_its_zero_results_outside_any_transaction():
    # transaction=True: record() runs as in a request (autocommit), where it opens its own transaction.
    with CaptureQueriesContext(connection) as log:
        querylog.record("Pomoc  Prawna", "pl", 3)
    # One round trip: one statement, its own transaction; on PostgreSQL that transaction does not wait
    # for its WAL flush.
    assert len(log) == 1
    assert ("synchronous_commit" in log[0]["sql"]) == (connection.vendor == "postgresql")
    querylog.record("pomoc prawna", "pl", 0)
    querylog.record("pomoc prawna", "uk", 0)
    querylog.record("   ", "pl", 0)  # nothing to count
    stats = {(s.query, s.language): (s.searches, s.zero_results, s.day) for s in QueryStat.objects.all()}
    today = timezone.localdate()
    assert stats == {("pomoc prawna", "pl"): (2, 1, today), ("pomoc prawna", "uk"): (1, 1, today)}


@pytest.mark.django_db(transaction=True)
def test_an_outer_transaction_keeps_its_durable_commit():
    """Asynchronous commit is for the log's own transaction only: inside a caller's transaction
    (nested: a savepoint) the log must not change how that transaction commits."""
    with transaction.atomic(), CaptureQueriesContext(connection) as log:
        querylog.record("mieszkanie", "pl", 1)
        assert not any("synchronous_commit" in query["sql"] for query in log)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                assert cursor.fetchone()[0] == "on"
    assert QueryStat.objects.get(query="mieszkanie").searches == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_log_never_breaks_the_search(monkeypatch, caplog):
    monkeypatch.setattr(QueryStat._meta, "db_table", "search_no_such_table")
    querylog.record("praca", "pl", 1)  # no exception
    assert "could not count a search" in caplog.text
