"""Scoring needs against offers, with reasons a coordinator can read out.

The score (0–100) adds up: common region 30 (nationwide counts everywhere),
common sectors up to 25, common target groups up to 15, a common language 15,
freshness up to 15 (fading over six months). The support type must be the same,
both items must be active, and an organisation is never matched with itself.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SupportItem

WEIGHTS = {"region": 30, "sectors": 25, "target_groups": 15, "languages": 15, "freshness": 15}
FRESH_DAYS = 180
PREFETCH = ("sectors", "regions", "target_groups", "languages")


def threshold():
    """The score from which the other side is notified (setting DIRECTORY_MATCH_THRESHOLD, default 60)."""
    return getattr(settings, "DIRECTORY_MATCH_THRESHOLD", 60)


@dataclass
class Match:
    """A counterpart item, its score and the reasons behind it."""

    item: SupportItem
    score: int
    reasons: list = field(default_factory=list)


class Reason:
    """One reason of a score, rendered in the language active when it is shown (e-mails: the recipient's)."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params

    def __str__(self):
        params = {
            name: ", ".join(sorted(term.label for term in value)) if isinstance(value, (list, tuple)) else value
            for name, value in self.params.items()
        }
        return str(self.message) % params if params else str(self.message)

    def __repr__(self):
        return f"Reason({str(self)!r})"


def _codes(item, name):
    return {term.code: term for term in getattr(item, name).all()}


def _overlap(a, b, name):
    mine, theirs = _codes(a, name), _codes(b, name)
    common = [mine[code] for code in mine.keys() & theirs.keys()]
    return common, mine, theirs


def score(need, offer, now=None):
    """A Match for the pair (scored from the need's side), or None when they cannot match."""
    if need.support_type_id != offer.support_type_id or need.organisation_id == offer.organisation_id:
        return None
    if not (need.is_active and offer.is_active):
        return None
    now = now or timezone.now()
    points = 0
    reasons = [Reason(_("Same support type: %(type)s"), type=[need.support_type])]

    if need.nationwide or offer.nationwide:
        points += WEIGHTS["region"]
        reasons.append(Reason(_("Works anywhere in Poland")))
    else:
        common, mine, theirs = _overlap(need, offer, "regions")
        if common:
            points += WEIGHTS["region"]
            reasons.append(Reason(_("Common voivodeships: %(names)s"), names=common))
        elif mine and theirs:
            reasons.append(Reason(_("No common voivodeship")))

    for name, label in (("sectors", _("Common sectors: %(names)s")),
                        ("target_groups", _("Common target groups: %(names)s"))):
        common, mine, _theirs = _overlap(need, offer, name)
        if common:
            points += round(WEIGHTS[name] * len(common) / max(len(mine), 1))
            reasons.append(Reason(label, names=common))

    common, _mine, _theirs = _overlap(need, offer, "languages")
    if common:
        points += WEIGHTS["languages"]
        reasons.append(Reason(_("Common languages: %(names)s"), names=common))

    # A pair is as fresh as its older item.
    oldest = min(need.created_at, offer.created_at)
    age = max((now - oldest).days, 0)
    fresh = round(WEIGHTS["freshness"] * max(0.0, 1 - age / FRESH_DAYS))
    if fresh:
        points += fresh
        reasons.append(Reason(_("Posted %(days)s days ago"), days=age))
    return Match(item=None, score=min(points, 100), reasons=reasons)


def candidates(item, today=None):
    """Active items of the other kind and the same support type, from other organisations (one query + prefetches)."""
    return (
        SupportItem.objects.in_default_language().open(today)
        .filter(kind=item.other_kind, support_type_id=item.support_type_id)
        .exclude(organisation_id=item.organisation_id)
        .filter(organisation__live=True)
        .select_related("organisation", "support_type", "locale")
        .prefetch_related(*PREFETCH)
    )


def suggestions(item, limit=10, minimum=1, now=None):
    """The best matches for `item`, best first; a bounded number of queries whatever the data size."""
    if not item.is_active:
        return []
    prefetch_related_objects([item], *PREFETCH, "support_type")
    matches = []
    for other in candidates(item):
        need, offer = (item, other) if item.kind == SupportItem.NEED else (other, item)
        match = score(need, offer, now)
        if match is not None and match.score >= minimum:
            match.item = other
            matches.append(match)
    matches.sort(key=lambda m: (-m.score, -m.item.created_at.timestamp(), m.item.pk))
    return matches[:limit]
