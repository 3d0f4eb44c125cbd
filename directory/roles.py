"""The Secretariat manages everything of the directory in the admin (kept after every migrate)."""

MODELS = ["membership", "invitation", "registration", "supportitem", "partnership", "coveragesettings"]


def grant_secretariat(**kwargs):
    """Give the Secretariat group the add/change/delete/view permissions of the directory's models."""
    from django.contrib.auth.models import Permission

    from accounts.roles import secretariat_group

    secretariat_group().permissions.add(*Permission.objects.filter(content_type__app_label="directory",
                                                     content_type__model__in=MODELS))
