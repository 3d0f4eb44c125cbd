"""Derived read models of search, rebuilt by search.indexing: never edited by hand.

`SearchEntry` (and its `SearchEntryFacet` rows) is each registered item's Entry as the
adapters (`<app>/search.py`) make it: search.indexing writes it on every change (through
search.tasks) and `manage.py search_index --rebuild` rebuilds every row from the models.
It serves three purposes: the database fallback searches it (same audience and facets as
Elasticsearch), it is the outbox of index updates (`synced` is False until Elasticsearch
has the change, so nothing is lost while Elasticsearch is down), and deletions stay as
tombstones until Elasticsearch has removed the document. `IndexedWord` rows are added by
search.indexing too, as items are indexed.

The other models of search are not derived and live in search/recorded.py (the editors'
synonyms, the query log); they are registered from here.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .recorded import QueryStat, Synonym  # noqa: F401 (not derived; registered from here)


class SearchEntry(models.Model):
    """One searchable item as the database fallback sees it."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=40, db_index=True)
    object_id = models.CharField(_("object id"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("URL"), max_length=500)
    languages = models.CharField(_("languages"), max_length=40, blank=True)
    folded_title = models.TextField(blank=True)
    folded = models.TextField(blank=True)
    # Match keys (search.analysis): lemmatised, folded, transliterated words, space-padded so
    # that SQLite matches a whole key with LIKE '% key %'; PostgreSQL matches `vector`, built
    # from the same keys (title A, sectors B, text C) by indexing.store.
    title_keys = models.TextField(blank=True)
    tag_keys = models.TextField(blank=True)
    keys = models.TextField(blank=True)
    vector = SearchVectorField(null=True, blank=True)
    # {language: {"title", "url", "summary", "text"}}: what a reader of that language is shown.
    translations = models.JSONField(default=dict, blank=True)
    # The tree paths of the entry's pages (registry.Entry.paths), space-separated and space-padded
    # (" P1 P2 "): engines leave out an entry with a path under one hidden from the reader.
    paths = models.TextField(blank=True, default="", db_default="")  # db_default: code before it still writes rows
    date = models.DateField(_("date"), null=True, blank=True)
    # The Elasticsearch document, kept so that a push retried later needs no model.
    document = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    deleted = models.BooleanField(default=False)
    synced = models.BooleanField(default=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.key


def _register_lookups():
    from .lookups import AnyOf, Similar, WordSimilar

    # On these fields only: no other field gains the lookups.
    SearchEntry._meta.get_field("folded").register_lookup(WordSimilar)
    SearchEntry._meta.pk.register_lookup(AnyOf)
    IndexedWord._meta.get_field("folded").register_lookup(Similar)


class SearchEntryFacet(models.Model):
    """A facet value of an entry (sector, voivodeship, …, and its audience tokens)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_rows")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["name", "value"])]


class IndexedWord(models.Model):
    """A word of some item's title or summary, as written (lower-case): the vocabulary that the
    database engines' "did you mean" picks corrections from (search.suggestions).

    Added as items are indexed, never removed (a correction is offered only when it finds
    something the reader may open, so a word of a deleted item does no harm)."""

    word = models.CharField(max_length=40, unique=True)
    folded = models.CharField(max_length=40)  # ASCII, for the similarity
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["length", "folded"])]

    def __str__(self):
        return self.word


_register_lookups()
