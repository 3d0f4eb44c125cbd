"""The anonymised query log behind the editors' search report.

Only the normalised query text, the language and daily counts are kept: no user, no IP,
no time of day. E-mail addresses and long digit runs (phone, PESEL, NIP) are masked.
"""

import logging
import re
from contextlib import nullcontext

from django.db import DatabaseError, connections, router, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import QueryStat

logger = logging.getLogger(__name__)
_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d[\d\s-]{3,}\d")


def normalise(text):
    """Lower-cased, masked, whitespace-collapsed query text (max 200 characters)."""
    text = _EMAIL.sub("[email]", text.lower())
    text = _DIGITS.sub("[#]", text)
    return " ".join(text.split())[:200]


def record(text, language, count):
    """Count one search of `text` today; a failure to log never breaks the search.

    One statement whatever the state: an upsert (PostgreSQL and SQLite both have
    INSERT … ON CONFLICT DO UPDATE), so concurrent first searches of a query add up without a
    retry. In a request (autocommit) it is ONE round trip: the statement is its own transaction.
    On PostgreSQL that transaction commits asynchronously (`synchronous_commit` off for it
    alone, by `set_config(…, true)` inside the statement): the search does not wait for the
    log's WAL flush, the slowest part of a durable commit (about 3 ms, more under load). A server
    crash can lose the last fraction of a second of counts, never corrupt them (the database
    stays consistent); the PostgreSQL manual names such logging as what asynchronous commit is
    for. Inside a caller's transaction the upsert runs in a savepoint and commits as the caller's
    transaction does.
    """
    query = normalise(text)
    if not query:
        return
    zero = 1 if count == 0 else 0
    connection = connections[router.db_for_write(QueryStat)]
    table = connection.ops.quote_name(QueryStat._meta.db_table)
    day = connection.ops.adapt_datefield_value(timezone.localdate())
    upsert = (f"INSERT INTO {table} (day, query, language, searches, zero_results) VALUES (%s, %s, %s, 1, %s) "
              f"ON CONFLICT (day, query, language) DO UPDATE SET searches = {table}.searches + 1, "
              f"zero_results = {table}.zero_results + excluded.zero_results")
    outer = connection.in_atomic_block
    if connection.vendor == "postgresql" and not outer:
        # The setting is local to the statement's own transaction and still in effect when it commits.
        upsert = upsert.replace(
            "VALUES (%s, %s, %s, 1, %s)", "SELECT CAST(%s AS date), %s, %s, 1, %s "
            "FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit")
    try:
        # Inside a caller's transaction, a savepoint: a failing upsert must not break that transaction.
        with transaction.atomic(using=connection.alias) if outer else nullcontext(), connection.cursor() as cursor:
            cursor.execute(upsert, [day, query, language, zero])
    except DatabaseError:
        logger.warning("The search query log could not count a search", exc_info=True)


def report(days=30, limit=50):
    """Top queries and zero-result queries of the last `days` days."""
    since = timezone.localdate() - timezone.timedelta(days=days)
    stats = QueryStat.objects.filter(day__gte=since).values("query", "language")
    top = stats.annotate(total=Sum("searches"), zero=Sum("zero_results")).order_by("-total", "query")[:limit]
    zero = (stats.annotate(total=Sum("searches"), zero=Sum("zero_results")).filter(zero__gt=0)
            .order_by("-zero", "query")[:limit])
    return {"top": list(top), "zero": list(zero), "days": days}
