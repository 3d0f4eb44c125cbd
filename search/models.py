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


class Synonym(models.Model):
    """Words and phrases the editors declare equivalent for search: jargon, programme names,
    abbreviations ("800 plus" = "800+"; "karta pobytu" = "посвідка на проживання" = "residence card").

    Applied to every query by every engine (search.synonyms expands the query): a change counts
    from the next search, with no reindex."""

    name = models.CharField(_("group name"), max_length=100, help_text=_("For the editors' list only."))
    terms_pl = models.TextField(_("Polish forms"), blank=True, help_text=_("One word or phrase per line."))
    terms_uk = models.TextField(_("Ukrainian forms"), blank=True,
                                help_text=_("One word or phrase per line, in Cyrillic or Latin letters."))
    terms_en = models.TextField(_("English forms"), blank=True, help_text=_("One word or phrase per line."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def forms(self):
        """Every form of the group (each language's lines), in order, without blanks and repeats."""
        lines = [line.strip() for field in (self.terms_pl, self.terms_uk, self.terms_en)
                 for line in (field or "").splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self):
        from django.core.exceptions import ValidationError

        from .synonyms import phrase_terms

        forms = self.forms()
        if len(forms) < 2:
            raise ValidationError(_("Give at least two equivalent words or phrases."))
        empty = [form for form in forms if not phrase_terms(form)]
        if empty:
            raise ValidationError(_("These lines have no searchable word: %(lines)s") % {"lines": ", ".join(empty)})
        too_long = [form for form in forms if len(form) > 100]
        if too_long:
            raise ValidationError(_("A line may have at most 100 characters."))


_register_lookups()
