"""The database engine on PostgreSQL: django.contrib.postgres full-text search on the match keys.

`SearchEntry.vector` holds the keys (lemmatised and folded in Python by search.analysis) as a
tsvector of the 'simple' configuration, weighted title A, sectors B, text C (indexing.store),
with a GIN index. A query word is a raw tsquery of its keys (`key1 | key2`), restricted to
weight A or B for the title and sector counts; ts_rank breaks ties. A word that matches
nothing anywhere is matched by trigram word similarity against the folded text instead
(pg_trgm's `%>` with its GIN index, threshold TYPO_SIMILARITY for the transaction), so one
typo inside a phrase still finds it; among those, the closer spellings rank first
(django.contrib.postgres' TrigramWordSimilarity).

Snippets come from PostgreSQL's ts_headline (django.contrib.postgres' SearchHeadline), on the
page's rows only (one query by their ids) and on their bounded text (registry.SHOWN_TEXT).
PostgreSQL has no Polish or Ukrainian dictionary, so its `simple` configuration alone would
mark only the exact forms typed; the headline's query is therefore made of the words of those
texts that have the query's keys (search.analysis.matched_forms: lemmas, folding, other scripts),
and ts_headline chooses the fragment that covers most of them and marks them.
"""

import operator
import re
from contextlib import contextmanager
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Left, NullIf, Replace
from django.utils.html import escape
from django.utils.safestring import mark_safe

from ..analysis import SNIPPET_LENGTH, highlight, matched_forms
from ..models import SearchEntry
from ..registry import SHOWN_TEXT
from .database import DatabaseEngine

TYPO_SIMILARITY = 0.5  # one wrong letter inside a word scores about 0.5-0.6
WEIGHTS = {"title": "A", "tags": "B", "any": ""}
# ts_headline's marks: private-use characters (removed from the text first), so the headline can be
# escaped as a whole and only its marks become <mark>.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_APOSTROPHE = re.compile("</mark>(&#x27;|’|ʼ)<mark>")  # the parser splits "м'ясо": one mark again
HEADLINE_WORDS = SNIPPET_LENGTH // 7  # about SNIPPET_LENGTH characters of Polish or Ukrainian text
MAX_FORMS = 200


def _tsquery(keys, weight=""):
    suffix = f":{weight}" if weight else ""
    # Keys are [a-z0-9]+ (search.analysis): safe as raw tsquery lexemes.
    return SearchQuery(" | ".join(f"{key}{suffix}" for key in keys), search_type="raw", config="simple")


class PostgresEngine(DatabaseEngine):
    """Ranked OR over the tsvector, typo tolerance by trigram similarity, ts_rank as tie-break."""

    def prepare(self, terms):
        """{"typos": words that match no entry as typed}: those are matched by similarity."""
        typos = set()
        for term in terms:
            if len(term.folded) >= 4 and not SearchEntry.objects.filter(vector=_tsquery(term.keys)).exists():
                typos.add(term.word)
        return {"typos": typos, "unknown": typos}

    def term_q(self, term, part, state):
        if term.word in state.get("typos", ()):
            if part != "any":
                return Q(pk__isnull=True)  # never (not an empty IN: Django would fold the CASE to a constant)
            return Q(folded__razem_word_similar=term.folded)
        return Q(vector=_tsquery(term.keys, WEIGHTS[part]))

    def rank_order(self, terms, state):
        """Closer spellings of the mistyped words first (TrigramWordSimilarity), then ts_rank."""
        order = []
        typos = [word for term in terms for word in term.words if word.word in state.get("typos", ())]
        if typos:
            order.append(reduce(operator.add, [TrigramWordSimilarity(word.folded, "folded") for word in typos]).desc())
        keys = sorted({key for term in terms for key in term.keys})
        return [*order, SearchRank(F("vector"), _tsquery(keys), cover_density=False).desc()]

    def matched(self, entries):
        """(entries, count, for facets): the matching ids are read once; the count and the facets
        reuse them instead of evaluating the text match again."""
        ids = list(entries.values_list("pk", flat=True))
        return entries, len(ids), SearchEntry.objects.filter(pk__razem_any=ids)

    def snippets(self, rows, shown, terms):
        """{pk: snippet} of the page's rows whose text has a word of the query: ts_headline's
        fragment and marks (one query); rows without such a word show their text's start."""
        texts = {row.pk: (self.snippet_text(row, shown[row.pk][1]) or "")[:SHOWN_TEXT] for row in rows}
        forms, by_language, snippets = set(), {}, {}
        for row in rows:
            found = matched_forms(texts[row.pk], terms)
            if found:
                forms |= found
                by_language.setdefault(self._shown_code(row, shown[row.pk]), []).append(row.pk)
            else:
                snippets[row.pk] = highlight(texts[row.pk], [])
        if not forms:
            return snippets
        text = Case(*[When(pk__in=pks, then=self._text(code)) for code, pks in by_language.items()],
                    default=Value(""), output_field=TextField())
        query = reduce(operator.or_, [SearchQuery(form, config="simple") for form in sorted(forms)[:MAX_FORMS]])
        headlines = SearchEntry.objects.filter(pk__in=[pk for pks in by_language.values() for pk in pks]).annotate(
            headline=SearchHeadline(Replace(Replace(text, Value(START), Value("")), Value(STOP), Value("")), query,
                                    config="simple", start_sel=START, stop_sel=STOP, max_fragments=1,
                                    max_words=HEADLINE_WORDS, min_words=HEADLINE_WORDS // 2)
        ).values_list("pk", "headline")
        for pk, headline in headlines:
            snippets[pk] = _marked(headline or "", texts[pk])
        return snippets

    @staticmethod
    def _shown_code(row, shown):
        """The language whose stored text `snippet_text` took ("" when it took the item's own text)."""
        code, translation = shown
        return code if translation.get("text") else ""

    @staticmethod
    def _text(code):
        """SQL: the same text as `snippet_text` (the translation's bounded text, else the item's)."""
        own = Coalesce(NullIf(Left("body", SHOWN_TEXT), Value("")), Left("summary", SHOWN_TEXT),
                       output_field=TextField())
        return Coalesce(KT(f"translations__{code}__text"), own, output_field=TextField()) if code else own

    def search(self, request):
        with similarity_threshold():
            return super().search(request)

    def matching_keys(self, request, keys):
        with similarity_threshold():
            return super().matching_keys(request, keys)

    def ranked_ids(self, request, limit):
        with similarity_threshold():
            return super().ranked_ids(request, limit)


@contextmanager
def similarity_threshold():
    """pg_trgm's word similarity threshold at TYPO_SIMILARITY for one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
        yield


def _marked(headline, text):
    """ts_headline's fragment as safe HTML: escaped, its marks as <mark>, "…" where `text` goes on."""
    shown, words = headline.replace(START, "").replace(STOP, "").split(), text.split()
    html = _APOSTROPHE.sub(r"\1", _MARKED.sub(r"<mark>\1</mark>", escape(headline.strip())))
    html = html.replace(START, "").replace(STOP, "")
    # Word by word: ts_headline drops the text's tag-like tokens and trims punctuation at the ends.
    prefix = "" if words[:1] == shown[:1] else "… "
    suffix = "" if shown[-1:] and words[-1:] and words[-1].startswith(shown[-1]) else " …"
    return mark_safe(prefix + html + suffix)
