"""Directory entries now exist for every live organisation, restricted ones included (readers see
those whose page they may view). Emptying the table lets DirectoryConfig's post_migrate handler
(fill_directory_entries) rebuild every entry from the pages right after this migration."""

from django.db import migrations


def empty_entries(apps, schema_editor):
    apps.get_model("directory", "DirectoryEntry").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [("directory", "0005_registration_changes_requested")]

    operations = [migrations.RunPython(empty_entries, migrations.RunPython.noop)]
