"""Writes that the member updates' version (OrganisationUpdate.READ_MODEL_VERSION) must see besides the
model's own save() and delete() and its QuerySet's bulk writes: the places an update is tagged with."""

from django.db.models.signals import m2m_changed

from home import versions

from .models import OrganisationUpdate


def _places_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        versions.bump(OrganisationUpdate.READ_MODEL_VERSION)


def connect():
    """Connect the handlers (CommunityConfig.ready)."""
    for field in (OrganisationUpdate.sectors, OrganisationUpdate.voivodeships):
        m2m_changed.connect(_places_changed, sender=field.through, dispatch_uid=f"community_places_{field.field.name}")
