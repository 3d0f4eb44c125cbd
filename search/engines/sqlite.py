"""The database engine on SQLite (the embedded default of `make run`): LIKE on the match keys.

The keys are stored space-padded (" key1 key2 "), so `LIKE '% key %'` matches whole keys;
lemmas and folding were done in Python (search.analysis), on indexing and on the query.
"""

import operator
from functools import reduce

from django.db.models import Q

from .database import DatabaseEngine

COLUMNS = {"title": ("title_keys",), "tags": ("tag_keys",), "any": ("title_keys", "tag_keys", "keys")}


class SQLiteEngine(DatabaseEngine):
    """Ranked OR over whole-key matches; no typo tolerance (SQLite has no trigram similarity)."""

    def term_q(self, term, part, state):
        return reduce(operator.or_, [Q(**{f"{column}__contains": f" {key} "})
                                     for column in COLUMNS[part] for key in term.keys])
