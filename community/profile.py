"""The latest updates of an organisation on its directory profile (directory.profile's protocol).

The profile is one of the most visited pages and already near its query budget, so the
few rows it shows are cached per organisation under the updates' version, which every write of
an update bumps (OrganisationUpdate.READ_MODEL_VERSION); labels are applied at render time in the
reader's language.
"""

from django.core.cache import cache
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from home import versions

from .models import OrganisationUpdate
from .models.updates import excerpt

PROFILE_UPDATES = 5
CACHE_SECONDS = 24 * 3600


def _cache_key(translation_key):
    version = versions.request_current(OrganisationUpdate.READ_MODEL_VERSION)
    return f"community:profile-updates:{translation_key}:{version}"


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
