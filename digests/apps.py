from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

SECRETARIAT_PERMISSIONS = [
    "add_mailing", "change_mailing", "delete_mailing", "view_mailing", "send_mailing",
    "change_subscription", "view_subscription", "change_contact", "view_contact",
]


def grant_secretariat(app_config, using="default", **kwargs):
    """The secretariat composes and sends mailings and looks after subscribers (runs after accounts' roles)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    from accounts.roles import secretariat_group

    # This handler may run before django.contrib.auth's own one for this app: make sure the permissions exist.
    create_permissions(app_config, verbosity=0, using=using)
    secretariat_group().permissions.add(
        *Permission.objects.filter(content_type__app_label="digests", codename__in=SECRETARIAT_PERMISSIONS)
    )


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Digests and mailings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(grant_secretariat, sender=self)
