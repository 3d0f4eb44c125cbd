"""The Secretariat manages everything of the directory in the admin (kept after every migrate)."""

from accounts.roles import secretariat_group

MODELS = ["membership", "invitation", "registration", "supportitem", "partnership", "coveragesettings"]


def grant_secretariat(**kwargs):
    """Give the Secretariat group the add/change/delete/view permissions of the directory's models."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    # Our post_migrate runs before django.contrib.auth's one for this app (app order): on a new
    # database the permissions would not exist yet.
    create_permissions(apps.get_app_config("directory"), verbosity=0)
    secretariat_group().permissions.add(*Permission.objects.filter(content_type__app_label="directory",
                                                                   content_type__model__in=MODELS))
