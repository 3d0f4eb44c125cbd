"""Working groups' permission groups and members-only collections get Polish display names
(they were "Coordinators: …", "Members: …" and "… – members only"); the code finds them through
GroupSpace, so only the labels change."""

from django.db import migrations

RENAMES = [("Coordinators: ", "Koordynatorzy: "), ("Members: ", "Członkowie: ")]
OLD_SUFFIX, NEW_SUFFIX = " – members only", " – tylko dla członków"


def forwards(apps, schema_editor):
    GroupSpace = apps.get_model("groups", "GroupSpace")
    for space in GroupSpace.objects.select_related("coordinators", "members", "members_collection"):
        for group in (space.coordinators, space.members):
            for old, new in RENAMES:
                if group.name.startswith(old):
                    group.name = new + group.name[len(old):]
                    group.save(update_fields=["name"])
        collection = space.members_collection
        if collection is not None and collection.name.endswith(OLD_SUFFIX):
            collection.name = collection.name[: -len(OLD_SUFFIX)] + NEW_SUFFIX
            collection.save(update_fields=["name"])


class Migration(migrations.Migration):

    dependencies = [
        ("groups", "0003_members_only_collection"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
