"""The database engine on PostgreSQL: django.contrib.postgres full-text search on the match keys.

`SearchEntry.vector` holds the keys (lemmatised and folded in Python by search.analysis) as a
tsvector of the 'simple' configuration, weighted title A, sectors B, text C (indexing.store),
with a GIN index. A query word is a raw tsquery of its keys (`key1 | key2`), restricted to
weight A or B for the title and sector counts; ts_rank breaks ties. A word that matches
nothing anywhere is matched by trigram word similarity against the folded text instead
(pg_trgm's `%>` with its GIN index, threshold TYPO_SIMILARITY for the transaction), so one
typo inside a phrase still finds it; among those, the closer spellings rank first
(django.contrib.postgres' TrigramWordSimilarity).
"""

import operator
from contextlib import contextmanager
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import F, Q

from ..models import SearchEntry
from .database import DatabaseEngine

TYPO_SIMILARITY = 0.5  # one wrong letter inside a word scores about 0.5-0.6
WEIGHTS = {"title": "A", "tags": "B", "any": ""}


def _tsquery(keys, weight=""):
    suffix = f":{weight}" if weight else ""
    # Keys are [a-z0-9]+ (search.analysis): safe as raw tsquery lexemes.
    return SearchQuery(" | ".join(f"{key}{suffix}" for key in keys), search_type="raw", config="simple")


class PostgresEngine(DatabaseEngine):
    """Ranked OR over the tsvector, typo tolerance by trigram similarity, ts_rank as tie-break."""

    def prepare(self, terms):
        """{"typos": words that match no entry as typed}: those are matched by similarity."""
        typos = set()
        for term in terms:
            if len(term.folded) >= 4 and not SearchEntry.objects.filter(vector=_tsquery(term.keys)).exists():
                typos.add(term.word)
        return {"typos": typos, "unknown": typos}

    def term_q(self, term, part, state):
        if term.word in state.get("typos", ()):
            if part != "any":
                return Q(pk__isnull=True)  # never (not an empty IN: Django would fold the CASE to a constant)
            return Q(folded__razem_word_similar=term.folded)
        return Q(vector=_tsquery(term.keys, WEIGHTS[part]))

    def rank_order(self, terms, state):
        """Closer spellings of the mistyped words first (TrigramWordSimilarity), then ts_rank."""
        order = []
        typos = [word for term in terms for word in term.words if word.word in state.get("typos", ())]
        if typos:
            order.append(reduce(operator.add, [TrigramWordSimilarity(word.folded, "folded") for word in typos]).desc())
        keys = sorted({key for term in terms for key in term.keys})
        return [*order, SearchRank(F("vector"), _tsquery(keys), cover_density=False).desc()]

    def matched(self, entries):
        """(entries, count, for facets): the matching ids are read once; the count and the facets
        reuse them instead of evaluating the text match again."""
        ids = list(entries.values_list("pk", flat=True))
        return entries, len(ids), SearchEntry.objects.filter(pk__razem_any=ids)

    def search(self, request):
        with similarity_threshold():
            return super().search(request)

    def matching_keys(self, request, keys):
        with similarity_threshold():
            return super().matching_keys(request, keys)

    def ranked_ids(self, request, limit):
        with similarity_threshold():
            return super().ranked_ids(request, limit)


@contextmanager
def similarity_threshold():
    """pg_trgm's word similarity threshold at TYPO_SIMILARITY for one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
        yield
