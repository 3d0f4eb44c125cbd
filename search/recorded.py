"""The models of search whose rows are recorded, not derived: the editors' synonyms and the
query log (registered from search.models, whose entries are derived)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
