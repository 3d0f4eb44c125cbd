"""The database engine on SQLite (the embedded default of `make run`): LIKE on the match keys.

The keys are stored space-padded (" key1 key2 "), so `LIKE '% key %'` matches whole keys;
lemmas and folding were done in Python (search.analysis), on indexing and on the query.
SQLite has no trigram similarity: a query word whose keys are stored nowhere (a typo, or an
inflected form typed without diacritics that the lemmatiser does not know, "tlumaczami")
matches keys starting like it instead (its key less its last letters).
"""

import operator
from functools import reduce

from django.db.models import Q

from ..models import SearchEntry
from .database import DatabaseEngine

COLUMNS = {"title": ("title_keys",), "tags": ("tag_keys",), "any": ("title_keys", "tag_keys", "keys")}
MIN_STEM = 4


def _stem(key):
    return key[:max(MIN_STEM, len(key) - 3)]


class SQLiteEngine(DatabaseEngine):
    """Ranked OR over whole-key matches; unknown words match by the start of their key."""

    def prepare(self, terms):
        """{"stems": {word: key start}} of the words no entry has as typed."""
        stems = {}
        for term in terms:
            key = max(term.keys, key=len)
            if len(key) > MIN_STEM and not SearchEntry.objects.filter(self._whole(term, "any")).exists():
                stems[term.word] = _stem(key)
        return {"stems": stems, "unknown": set(stems)}

    @staticmethod
    def _whole(term, part):
        return reduce(operator.or_, [Q(**{f"{column}__contains": f" {key} "})
                                     for column in COLUMNS[part] for key in term.keys])

    def term_q(self, term, part, state):
        stem = state.get("stems", {}).get(term.word)
        if stem:
            return reduce(operator.or_, [Q(**{f"{column}__contains": f" {stem}"}) for column in COLUMNS[part]])
        return self._whole(term, part)
