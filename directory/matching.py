"""Scoring needs against offers, with reasons a coordinator can read out.

The score (0–100) adds up: common region 30 (nationwide counts everywhere),
common sectors up to 25, common target groups up to 15, a common language 15,
freshness up to 15 (fading over six months). The support type must be the same,
both items must be active, and an organisation is never matched with itself.
"""

import heapq
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from home import versions
from home.bits import codes_of
from home.dates import relative_day

from .models import SupportItem


def _posted_when(moment, now):
    return relative_day(moment, today=timezone.localtime(now).date())


# "today", "yesterday", "3 days ago" in the language active when the reason is shown.
posted_when = lazy(_posted_when, str)

WEIGHTS = {"region": 30, "sectors": 25, "target_groups": 15, "languages": 15, "freshness": 15}
FRESH_DAYS = 180


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
        reasons.append(Reason(_("Posted %(when)s"), when=posted_when(oldest, now)))
    return Match(item=None, score=min(points, 100), reasons=reasons)


@dataclass(frozen=True)
class Candidate:
    """What scoring needs of an item: its vocabularies as masks (bits.py), no related rows."""

    pk: int
    organisation_id: int
    organisation_path: str  # its organisation's tree path: suggestions leave out what the reader may not see
    nationwide: bool
    regions: int
    sectors: int
    target_groups: int
    languages: int
    created_at: object

    @classmethod
    def of(cls, item):
        return cls(item.pk, item.organisation_id, "", item.nationwide, item.regions_mask, item.sectors_mask,
                   item.target_groups_mask, item.languages_mask, item.created_at)


CANDIDATE_COLUMNS = ("pk", "organisation_id", "organisation__path", "nationwide", "regions_mask", "sectors_mask",
                     "target_groups_mask", "languages_mask", "created_at")


# {(kind, support type id): (version, candidates)}: this process's copy of the latest pools, so that a
# page of suggestions does not fetch and unpickle some thousand candidates from Redis each time
# (home.versions.per_process does this for one value under one version name; a pool has a key and two).
_kept_pools = {}


def pool(kind, support_type_id, version=None):
    """Every active item of `kind` and `support_type_id` of a live organisation, as Candidates.

    One query; cached until a need, an offer or an organisation changes (or the day
    changes: items expire by date). notify_matches, run after each save, fills it again.
    The same for every reader: `ranked(..., hidden=…)` leaves out what a reader may not see.
    `version`: the support type's pool_versions() entry when the caller read it already.
    The process keeps the latest pool of each kind and type under the same version as the
    shared cache (read on every call), so it is exactly as fresh; nothing is kept while the
    versions cannot be read (Redis unreachable) or the directory cache is off.
    """
    from .entries import cache_timeout, cached

    def load():
        rows = (
            SupportItem.objects.in_default_language().open()
            .filter(kind=kind, support_type_id=support_type_id, organisation__live=True)
            .values_list(*CANDIDATE_COLUMNS)
        )
        return [Candidate(*row) for row in rows]

    version = (version or pool_version(support_type_id), timezone.localdate().isoformat())
    kept = _kept_pools.get((kind, support_type_id))
    if kept is not None and kept[0] == version:
        return kept[1]
    candidates = cached("pool-v2", (kind, support_type_id), version, load)
    if all(version[0]) and cache_timeout():
        _kept_pools[(kind, support_type_id)] = (version, candidates)  # one assignment: threads see a whole pair
    return candidates


def pool_version(support_type_id):
    """Changes whenever a need, an offer or a directory entry is written (see pool_versions)."""
    return pool_versions([support_type_id])[support_type_id]


def pool_versions(support_type_ids):
    """{support type id: pool_version}: the versions of needs and offers and of the entries (no query).

    Any write of an item or an entry makes every pool stale; at the Forum's scale a pool is
    rebuilt in one query, and a per-type version would have to know which types a write touched.
    """
    from .entries import ENTRIES_VERSION

    version = versions.current(SupportItem.READ_MODEL_VERSION, ENTRIES_VERSION)  # 0s: the cache is unreachable
    return {support_type_id: version for support_type_id in set(support_type_ids)}


def attach_terms(items):
    """Give items their vocabularies from their masks, as if prefetched: score() then reads no rows.

    The masks are kept by SupportItem.save(); the terms carry the code (and so the label)
    that score() compares and writes out.
    """
    from .entries import ITEM_VOCABULARIES

    for item in items:
        cache = getattr(item, "_prefetched_objects_cache", None)
        if cache is None:
            cache = item._prefetched_objects_cache = {}
        for column, (name, model) in ITEM_VOCABULARIES.items():
            terms = model.objects.none()
            terms._result_cache = [model(code=code) for code in codes_of(model, getattr(item, column))]
            terms._prefetch_done = True
            cache[name] = terms


def quick_score(need, offer, now):
    """The score of `score()` computed from two Candidates' masks (same rules, same rounding, no reasons)."""
    points = 0
    if need.nationwide or offer.nationwide or need.regions & offer.regions:
        points += WEIGHTS["region"]
    for name in ("sectors", "target_groups"):
        mine = getattr(need, name)
        common = mine & getattr(offer, name)
        if common:
            points += round(WEIGHTS[name] * common.bit_count() / max(mine.bit_count(), 1))
    if need.languages & offer.languages:
        points += WEIGHTS["languages"]
    age = max((now - min(need.created_at, offer.created_at)).days, 0)
    points += round(WEIGHTS["freshness"] * max(0.0, 1 - age / FRESH_DAYS))
    return min(points, 100)


def ranked(item, minimum=1, now=None, version=None, hidden=(), limit=None):
    """[(score, candidate)] of every candidate scoring at least `minimum` (the `limit` best when given),
    best first (from the cached pool), without the items of organisations under a `hidden` tree path
    (core.access.reader_hidden_paths)."""
    now = now or timezone.now()
    mine = Candidate.of(item)
    hidden = tuple(hidden)
    scored = []
    for other in pool(item.other_kind, item.support_type_id, version):
        if other.organisation_id == mine.organisation_id or (hidden and other.organisation_path.startswith(hidden)):
            continue
        need, offer = (mine, other) if item.kind == SupportItem.NEED else (other, mine)
        points = quick_score(need, offer, now)
        if points >= minimum:
            scored.append((points, other))
    def order(pair):
        return -pair[0], -pair[1].created_at.timestamp(), pair[1].pk

    if limit is not None:  # the same as sorting all and slicing, without sorting a thousand candidates
        return heapq.nsmallest(limit, scored, key=order)
    return sorted(scored, key=order)


def suggestions(item, limit=10, minimum=1, now=None, hidden=()):
    """The best matches for `item`, best first, with their reasons; a bounded number of queries.

    Candidates are ranked on their masks (quick_score); only the `limit` best are loaded and
    scored again by `score()`, which writes the reasons: scores and reasons are those of score().
    `hidden`: the tree paths hidden from the reader (their items are never suggested to them).
    """
    return suggestions_for([item], limit, minimum, now, hidden)[item.pk]


def suggestions_for(items, limit=10, minimum=1, now=None, hidden=()):
    """{item pk: suggestions(item)} of several items in two queries, however many items (a dashboard)."""
    now = now or timezone.now()
    active = [item for item in items if item.is_active]
    versions = pool_versions([item.support_type_id for item in active])
    best = {item.pk: ranked(item, minimum, now, versions[item.support_type_id], hidden, limit) for item in active}
    loaded = SupportItem.objects.select_related("organisation", "support_type", "locale").in_bulk(
        {candidate.pk for chosen in best.values() for _points, candidate in chosen}
    )
    attach_terms([*active, *loaded.values()])
    result = {item.pk: [] for item in items}
    for item in active:
        matches = result[item.pk]
        for _points, candidate in best[item.pk]:
            other = loaded.get(candidate.pk)
            if other is None:
                continue
            need, offer = (item, other) if item.kind == SupportItem.NEED else (other, item)
            match = score(need, offer, now)
            if match is not None and match.score >= minimum:
                match.item = other
                matches.append(match)
        matches.sort(key=lambda m: (-m.score, -m.item.created_at.timestamp(), m.item.pk))
    return result
