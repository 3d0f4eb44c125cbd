from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Member directory")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts.affiliations import read_affiliations_with
        from accounts.start import read_organisations_with

        from . import orphans, permissions, start
        from .roles import grant_secretariat

        # Before directory.signals, as when accounts connected them.
        orphans.connect_signals()
        start.connect_signals()
        read_organisations_with(start.open_registrations, start.memberships_of)
        read_affiliations_with(
            organisations_of=permissions.organisations_of, organisations_managed_by=permissions.organisations_managed_by,
            live_member_organisations=permissions.live_member_organisations, is_member=permissions.is_member,
            managers_of=permissions.managers_of, members_of=permissions.members_of)
        from . import signals  # noqa: F401

        post_migrate.connect(grant_secretariat, sender=self)
        post_migrate.connect(fill_directory_entries, sender=self)


def fill_directory_entries(**kwargs):
    """After the migration that adds the denormalised rows, fill them once from the existing pages."""
    from .entries import rebuild_entries, rebuild_item_masks
    from .models import DirectoryEntry, OrganisationPage

    if not DirectoryEntry.objects.exists() and OrganisationPage.objects.filter(live=True).exists():
        rebuild_entries()
        rebuild_item_masks()
