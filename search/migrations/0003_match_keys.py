"""Match keys for the database engines (search.analysis) and, on PostgreSQL, their tsvector.

The GIN index on `vector` exists on PostgreSQL only; SQLite stores the column unused."""

import django.contrib.postgres.search
from django.db import migrations, models


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_trigram_indexes")]

    operations = [
        migrations.AddField("searchentry", "title_keys", models.TextField(blank=True, default=""), preserve_default=False),
        migrations.AddField("searchentry", "tag_keys", models.TextField(blank=True, default=""), preserve_default=False),
        migrations.AddField("searchentry", "keys", models.TextField(blank=True, default=""), preserve_default=False),
        migrations.AddField("searchentry", "vector", django.contrib.postgres.search.SearchVectorField(blank=True, null=True)),
        migrations.AddField("searchentry", "translations", models.JSONField(blank=True, default=dict)),
        migrations.RunPython(create_index, drop_index),
    ]
