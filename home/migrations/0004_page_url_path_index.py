"""An index on Wagtail's page tree by url_path.

The home page routes a request by url_path (home.routing: two queries instead of two per
tree level); without this index PostgreSQL would scan the whole page table for it.
Wagtail's own table, so plain SQL.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0003_page_depth_path_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS home_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS home_page_url_path",
        ),
    ]
