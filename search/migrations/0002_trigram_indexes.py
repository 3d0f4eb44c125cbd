"""pg_trgm indexes for the database fallback (PostgreSQL only; SQLite keeps scanning).

The fallback matches folded text with LIKE '%stem%' and, for typos, the `%>` word-similarity
operator: both use a GIN trigram index instead of reading every row. pg_trgm is a trusted
extension (PostgreSQL 13+): the database owner may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = ("folded", "folded_title")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_entry_{column}_trgm ON search_searchentry "
            f"USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
