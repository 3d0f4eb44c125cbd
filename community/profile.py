"""The latest updates of an organisation on its directory profile (directory.profile's protocol).

The profile is one of the most visited pages and already near its query budget, so the
few rows it shows are cached per organisation and dropped whenever one of its updates
is saved or deleted (signals below); labels are applied at render time in the reader's language.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from .models import OrganisationUpdate
from .models.updates import excerpt

PROFILE_UPDATES = 5
CACHE_SECONDS = 24 * 3600


def _cache_key(translation_key):
    return f"community:profile-updates:{translation_key}"


def latest_rows(translation_key):
    """(pk, kind, text, created_at) of the organisation's latest visible updates (cached; one query on a miss)."""
    key = _cache_key(translation_key)
    rows = cache.get(key)
    if rows is None:
        rows = list(
            OrganisationUpdate.objects.shown().filter(organisation__translation_key=translation_key)
            .values_list("pk", "kind", "text", "created_at")[:PROFILE_UPDATES]
        )
        cache.set(key, rows, CACHE_SECONDS)
    return rows


@receiver([post_save, post_delete], sender=OrganisationUpdate, dispatch_uid="community_profile_updates")
def _forget(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.organisation.translation_key))


def organisation_sections(request, organisation):
    """One section with the organisation's latest visible updates, or none."""
    rows = latest_rows(organisation.translation_key)  # shared by every translation of the page
    if not rows:
        return []
    kinds = dict(OrganisationUpdate.Kind.choices)
    return [{
        "title": _("News from the organisation"),
        "url": f"{reverse('community:updates')}?organisation={organisation.pk}",
        "items": [{
            "title": excerpt(text),
            "url": reverse("community:update", args=[pk]),
            "meta": f"{kinds.get(kind, kind)} · {formats.date_format(created_at, 'SHORT_DATE_FORMAT')}",
        } for pk, kind, text, created_at in rows],
    }]
