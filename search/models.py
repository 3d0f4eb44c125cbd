"""The database side of search: a denormalised copy of every entry, and the query log.

`SearchEntry` serves three purposes: the database fallback searches it (same audience
and facets as Elasticsearch), it is the outbox of index updates (`synced` is False until
Elasticsearch has the change, so nothing is lost while Elasticsearch is down), and
deletions stay as tombstones until Elasticsearch has removed the document.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    from .lookups import AnyOf, WordSimilar

    # On these fields only: no other field gains the lookups.
    SearchEntry._meta.get_field("folded").register_lookup(WordSimilar)
    SearchEntry._meta.pk.register_lookup(AnyOf)


_register_lookups()


class SearchEntryFacet(models.Model):
    """A facet value of an entry (sector, voivodeship, …, and its audience tokens)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_rows")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["name", "value"])]


class QueryStat(models.Model):
    """How often a query was searched on a day, and whether it found anything (no user, no IP)."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=8)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        constraints = [models.UniqueConstraint(fields=["day", "query", "language"], name="search_querystat_unique")]
        indexes = [models.Index(fields=["day"])]

    def __str__(self):
        return self.query
