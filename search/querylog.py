"""The anonymised query log behind the editors' search report.

Only the normalised query text, the language and daily counts are kept: no user, no IP,
no time of day. E-mail addresses and long digit runs (phone, PESEL, NIP) are masked.
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import QueryStat

_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\d[\d\s-]{3,}\d")


def normalise(text):
    """Lower-cased, masked, whitespace-collapsed query text (max 200 characters)."""
    text = _EMAIL.sub("[email]", text.lower())
    text = _DIGITS.sub("[#]", text)
    return " ".join(text.split())[:200]


def record(text, language, count):
    """Count one search of `text` today; a failure to log never breaks the search."""
    query = normalise(text)
    if not query:
        return
    day = timezone.localdate()
    zero = 1 if count == 0 else 0
    try:
        with transaction.atomic():
            updated = QueryStat.objects.filter(day=day, query=query, language=language).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + zero)
            if not updated:
                QueryStat.objects.create(day=day, query=query, language=language, searches=1, zero_results=zero)
    except IntegrityError:  # a concurrent first search of the same query: count it there
        QueryStat.objects.filter(day=day, query=query, language=language).update(
            searches=F("searches") + 1, zero_results=F("zero_results") + zero)


def report(days=30, limit=50):
    """Top queries and zero-result queries of the last `days` days."""
    since = timezone.localdate() - timezone.timedelta(days=days)
    stats = QueryStat.objects.filter(day__gte=since).values("query", "language")
    top = stats.annotate(total=Sum("searches"), zero=Sum("zero_results")).order_by("-total", "query")[:limit]
    zero = (stats.annotate(total=Sum("searches"), zero=Sum("zero_results")).filter(zero__gt=0)
            .order_by("-zero", "query")[:limit])
    return {"top": list(top), "zero": list(zero), "days": days}
