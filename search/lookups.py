"""A pg_trgm lookup for the database fallback, without installing django.contrib.postgres."""

from django.db.models import Lookup


class WordSimilar(Lookup):
    """`column %> value`: some word run of the column is trigram-similar to `value` (typos).

    PostgreSQL with pg_trgm only (search/migrations/0002); uses the GIN trigram index.
    Similar to django.contrib.postgres's trigram_word_similar, kept here so the shared
    settings need not change."""

    lookup_name = "razem_word_similar"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %%> {rhs}", [*lhs_params, *rhs_params]


class Similar(Lookup):
    """`column % value`: the column's trigram similarity to `value` is above pg_trgm's threshold
    (PostgreSQL; uses a GIN trigram index): the candidates of "did you mean"."""

    lookup_name = "razem_similar"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} %% {rhs}", [*lhs_params, *rhs_params]


class AnyOf(Lookup):
    """`column = ANY(%s)` with the values as one array parameter (PostgreSQL).

    `pk__in=[…]` with tens of thousands of ids builds one placeholder per value: slow in
    Django and psycopg, and over SQLite's variable limit."""

    lookup_name = "razem_any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]
