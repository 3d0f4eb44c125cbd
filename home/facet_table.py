"""Facet counts from an in-memory table of the rows' terms (numpy), kept per data version.

The rows a listing counts (directory entries, open needs and offers, innovations) are read once per
data version in ONE query: each facet becomes a rows × values 0/1 matrix (a mask column is
split into its bits, a choice or foreign-key column into its values). Counting a facet
under the other facets' filters is then a boolean row selection and a column sum, for any
combination of filters. A text query is the only filter that needs SQL: it selects the
matching primary keys, intersected with the table.

The table is the same for every reader; what a reader may see is applied when counting: a
table built with a `path_field` keeps each row's page tree path, and `count(..., hidden=…)`
leaves out the rows under the paths hidden from this reader (core.access.reader_hidden_paths,
read with the request), so a view restriction written any way at all counts from the next request.
"""

import threading

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce

_memo = {}
_lock = threading.Lock()


class FacetTable:
    """The primary keys of the rows and, per facet, their rows × values matrix."""

    def __init__(self, queryset, facets, path_field=None):
        # Every column comes as an integer (masks as they are, choices as their index: -1 for
        # none), so the rows load into one numpy array at C speed; the tree path, when asked
        # for, comes last and is split off.
        columns = {}
        for facet in facets:
            if facet.how == "mask":
                columns[f"_f_{facet.param}"] = Coalesce(F(facet.field), Value(0))
            else:
                field = f"{facet.field}__code" if facet.how == "fk" else facet.field
                columns[f"_f_{facet.param}"] = Case(
                    *[When(**{field: code}, then=Value(n)) for n, (code, _label) in enumerate(facet.choices)],
                    default=Value(-1), output_field=IntegerField(),
                )
        values = queryset.order_by().annotate(**columns).values_list("pk", *columns, *filter(None, [path_field]))
        sql, params = values.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        paths = [row[-1] for row in fetched] if path_field else []
        if path_field:
            fetched = [row[:-1] for row in fetched]
        rows = np.array(fetched, dtype=np.int64).reshape(-1, len(facets) + 1)
        self.size = len(rows)
        self.paths = np.array(paths, dtype=str) if path_field else None
        self._shown = {}
        self.pks = rows[:, 0]
        self.matrices = {}
        for position, facet in enumerate(facets, start=1):
            width = len(facet.choices)
            if facet.how == "mask":
                matrix = (rows[:, position, None] >> np.arange(width, dtype=np.int64)) & 1
            else:
                matrix = rows[:, position, None] == np.arange(width, dtype=np.int64)
            # 0/1 as float32: a facet's counts are then one matrix-vector product (BLAS), many times
            # faster than selecting the rows and summing them; exact below 2**24 rows.
            self.matrices[facet.param] = ([code for code, _label in facet.choices], matrix.astype(np.float32))

    def selects(self, param, codes):
        """Boolean rows having any of `codes` in the facet `param`."""
        known, matrix = self.matrices[param]
        columns = [known.index(code) for code in codes if code in known]
        return matrix[:, columns].any(axis=1) if columns else np.zeros(self.size, dtype=bool)

    def shown(self, hidden):
        """Boolean rows not under any of the `hidden` tree paths (kept per set of paths: readers share few)."""
        hidden = tuple(hidden)
        rows = self._shown.get(hidden)
        if rows is None:
            rows = np.ones(self.size, dtype=bool)
            for path in hidden:
                rows &= ~np.char.startswith(self.paths, path)
            if len(self._shown) > 64:
                self._shown.clear()
            self._shown[hidden] = rows
        return rows

    def count(self, selected, text_pks=None, hidden=()):
        """(total, {param: {code: count}}): each facet counted under every filter but its own, without
        the rows under the `hidden` tree paths (a table built with a `path_field`)."""
        everything = self.shown(hidden).copy() if hidden else np.ones(self.size, dtype=bool)
        if text_pks is not None:
            everything &= np.isin(self.pks, np.fromiter(text_pks, dtype=np.int64))
        filters = {param: self.selects(param, codes) for param, codes in selected.items()}
        total_rows = everything.copy()
        for rows in filters.values():
            total_rows &= rows
        counts = {}
        for param, (codes, matrix) in self.matrices.items():
            rows = everything.copy()
            for other, selection in filters.items():
                if other != param:
                    rows &= selection
            sums = rows.astype(np.float32) @ matrix
            counts[param] = {codes[n]: int(sums[n]) for n in np.nonzero(sums)[0]}
        return int(total_rows.sum()), counts


def facet_table(key, version, build):
    """The FacetTable `build()` of this data `version`, kept in this process until the version changes.

    Process memory rather than the shared cache: a table is large (rows × values) and read on
    every request; a stale one is never used since the version is checked each time.
    DIRECTORY_CACHE_TIMEOUT = 0 turns the memo off.
    """
    if not getattr(settings, "DIRECTORY_CACHE_TIMEOUT", 3600):
        return build()
    with _lock:
        kept = _memo.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
    table = build()
    with _lock:
        _memo[key] = (version, table)
    return table
