"""Keeping the denormalised data current: directory entries and the masks of needs and offers.

`refresh_entries` rewrites the DirectoryEntry rows of some organisations (by translation
key) from their live pages; OrganisationPage.save() calls it, synchronously, so the
directory never shows a stale row after a publish. Entries do not depend on view
restrictions: every live organisation has one, and each read leaves out those under a tree
path the reader may not see (browse.listed_entries, with the restrictions read per request),
so a restriction written without signals (bulk_create) applies on the next request.
`rebuild_directory_entries` (a management command) rewrites everything, e.g. after bulk
SQL loads. Counts computed from the entries are cached under `entries_version()`, a counter
every rewrite bumps when it commits (home.versions).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from home import versions
from home.bits import full_mask, mask_of
from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

from .models import DirectoryEntry, OrganisationPage, SupportItem

CHUNK = 2000

# DirectoryEntry column: (OrganisationPage many-to-many field, vocabulary).
ENTRY_VOCABULARIES = {
    "sectors": ("sectors", Sector), "target_groups": ("target_groups", TargetGroup),
    "languages": ("languages", Language), "offers": ("support_offered", SupportType),
    "needs": ("support_needed", SupportType),
}
# SupportItem mask column: (many-to-many field, vocabulary).
ITEM_VOCABULARIES = {
    "regions_mask": ("regions", Voivodeship), "sectors_mask": ("sectors", Sector),
    "target_groups_mask": ("target_groups", TargetGroup), "languages_mask": ("languages", Language),
}


def term_codes(model, fields, owner_ids):
    """{owner id: {field: [codes]}} of several many-to-many fields of `model`, in ONE query."""
    result = {pk: {name: [] for name in fields} for pk in owner_ids}
    if not owner_ids:
        return result
    parts, params = [], []
    placeholders = ", ".join(["%s"] * len(owner_ids))
    for name in fields:
        field = model._meta.get_field(name)
        through = field.remote_field.through._meta.db_table
        owner, term = field.m2m_column_name(), field.m2m_reverse_name()
        parts.append(
            f"SELECT %s, x.{owner}, t.code FROM {through} x JOIN {field.related_model._meta.db_table} t "
            f"ON t.id = x.{term} WHERE x.{owner} IN ({placeholders})"
        )
        params += [name, *owner_ids]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for name, owner_id, code in cursor.fetchall():
            result[owner_id][name].append(code)
    return result


def _chunks(values, size=CHUNK):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _published_sources():
    return OrganisationPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def _build_entries(rows):
    """DirectoryEntry objects for (pk, key, title, first, last, legal form, seat code, nationwide) rows."""
    ids = [row[0] for row in rows]
    fields = ["regions_served"] + [field for field, _model in ENTRY_VOCABULARIES.values()]
    codes = term_codes(OrganisationPage, fields, ids)
    texts = {}
    for key, title, description, city in (
        OrganisationPage.objects.live().filter(translation_key__in=[row[1] for row in rows])
        .values_list("translation_key", "title", "description", "city")
    ):
        texts.setdefault(key, []).append(" ".join((title, description, city)).lower())
    entries = []
    for pk, key, title, first, last, legal_form, seat, nationwide in rows:
        mine = codes[pk]
        served = full_mask(Voivodeship) if nationwide else mask_of(Voivodeship, [*mine["regions_served"], seat or ""])
        entries.append(DirectoryEntry(
            page_id=pk, title=title, first_published_at=first, last_published_at=last, legal_form=legal_form,
            served=served, search_text="\n".join(texts.get(key, [])),
            **{column: mask_of(model, mine[field]) for column, (field, model) in ENTRY_VOCABULARIES.items()},
        ))
    return entries


def _write(translation_keys=None):
    sources = _published_sources()
    stale = DirectoryEntry.objects.all()
    if translation_keys is not None:
        sources = sources.filter(translation_key__in=translation_keys)
        stale = stale.filter(page__translation_key__in=translation_keys)
    rows = list(sources.order_by("pk").values_list(
        "pk", "translation_key", "title", "first_published_at", "last_published_at", "legal_form",
        "voivodeship__code", "nationwide",
    ))
    with transaction.atomic():
        stale.delete()
        for chunk in _chunks(rows):
            DirectoryEntry.objects.bulk_create(_build_entries(chunk))
        versions.bump(ENTRIES_VERSION)
    return len(rows)


def refresh_entries(translation_keys):
    """Rewrite the entries of the organisations with these translation keys (drops unpublished ones)."""
    keys = list({key for key in translation_keys if key})
    return _write(keys) if keys else 0


def rebuild_entries():
    """Rewrite every entry from the live pages; returns how many organisations are listed."""
    return _write()


def refresh_item_masks(items):
    """Recompute the vocabulary masks of needs and offers from their many-to-many rows."""
    items = [item for item in items if item.pk]
    for chunk in _chunks(items):
        codes = term_codes(SupportItem, [field for field, _model in ITEM_VOCABULARIES.values()], [i.pk for i in chunk])
        for item in chunk:
            for column, (field, model) in ITEM_VOCABULARIES.items():
                setattr(item, column, mask_of(model, codes[item.pk][field]))
            item.served_mask = full_mask(Voivodeship) if item.nationwide else item.regions_mask
        columns = [*ITEM_VOCABULARIES, "served_mask"]
        if len(chunk) == 1:
            SupportItem.objects.filter(pk=chunk[0].pk).update(**{c: getattr(chunk[0], c) for c in columns})
        else:
            SupportItem.objects.bulk_update(chunk, columns)


def rebuild_item_masks():
    """Recompute the masks of every need and offer (after bulk loads)."""
    ids = list(SupportItem.objects.order_by("pk").values_list("pk", "nationwide"))
    for chunk in _chunks(ids):
        refresh_item_masks([SupportItem(pk=pk, nationwide=nationwide) for pk, nationwide in chunk])
    return len(ids)


ENTRIES_VERSION = "directory-entries"


def entries_version():
    """The version of the directory entries, bumped by every rewrite (home.versions; no query)."""
    return versions.current(ENTRIES_VERSION)[0]


def items_version():
    """The version of needs and offers, bumped by every write of one (SupportItem.READ_MODEL_VERSION)."""
    return versions.current(SupportItem.READ_MODEL_VERSION)[0]


def cache_timeout():
    """Seconds a directory read model is kept (DIRECTORY_CACHE_TIMEOUT, default 3600); 0: not kept at all
    (the bench uses it to time uncached requests)."""
    return getattr(settings, "DIRECTORY_CACHE_TIMEOUT", 3600)


def cached(prefix, parts, version, compute):
    """`compute()` cached under `prefix`, a digest of `parts` and the data `version`, for
    `cache_timeout()` seconds (never when it is 0)."""
    timeout = cache_timeout()
    if not timeout:
        return compute()
    return cache.get_or_set(f"directory:{prefix}:{digest(parts, version)}", compute, timeout)


def digest(*parts):
    """A short stable digest of `parts` (their repr), for cache keys."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()
