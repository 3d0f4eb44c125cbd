"""The vocabulary of "did you mean" on the database engines (search.suggestions), with a pg_trgm
GIN index on PostgreSQL for the similarity lookup (SQLite compares in Python). Filled from the
next indexing: run `manage.py search_index --rebuild` after deploying."""

from django.db import migrations, models


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_indexedword_folded_trgm ON search_indexedword "
                              "USING gin (folded gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_indexedword_folded_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_synonyms'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexedWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=40, unique=True)),
                ('folded', models.CharField(max_length=40)),
                ('length', models.PositiveSmallIntegerField()),
            ],
            options={
                'indexes': [models.Index(fields=['length', 'folded'], name='search_inde_length_df70ec_idx')],
            },
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
