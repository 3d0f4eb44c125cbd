"""What the two database engines share: filters, a ranked OR over the query's words, facets, hits.

Both match the *keys* of search.analysis (lemmatised, folded, transliterated words) stored
in SearchEntry by indexing.store; they differ only in how one word is matched
(PostgreSQL: the tsvector and pg_trgm; SQLite: LIKE on the space-padded keys).

Ranking: an item must match `required_matches(n)` of the query's n words (stop words
dropped); it ranks by how many words it matches, then by how many of them are in its title
and in its sectors' names, then the reader's language, then the newest.
"""

import operator
from functools import reduce

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length

from ..analysis import folded_words, highlight, query_terms, required_matches
from ..synonyms import search_terms
from ..models import SearchEntry, SearchEntryFacet
from ..registry import FACETS
from ..text import translit_word
from .. import suggestions
from .base import KEYS_PER_REQUEST, THIN_RESULTS, Hit, Results, SearchRequest, shown_translation

ZERO = Value(0, output_field=IntegerField())


def _count_of(conditions):
    """SQL: how many of these Q conditions hold (0 when none are given)."""
    if not conditions:
        return ZERO
    return reduce(operator.add, [Case(When(q, then=Value(1)), default=ZERO, output_field=IntegerField())
                                 for q in conditions])


class DatabaseEngine:
    """Searches the SearchEntry table; subclasses say how one query word matches."""

    name = "database"

    # --- what a subclass provides -------------------------------------------------------
    def term_q(self, term, part, state):
        """Q: the entry has one of `term`'s keys in `part` ("title", "tags" or "any");
        `state`: what `prepare` returned."""
        raise NotImplementedError

    def prepare(self, terms):
        """Hook run once per search before matching (PostgreSQL: find the words to match by similarity)."""
        return {}

    def rank_order(self, terms, state):
        """Extra order_by expressions after the counts (PostgreSQL: typo similarity, ts_rank)."""
        return []

    # --- the shared search ---------------------------------------------------------------
    def prepare_words(self, terms):
        """`prepare` on every single word of `terms` (a synonym term's forms word by word)."""
        words = [word for term in terms for word in term.words]
        return self.prepare(words) if words else {}

    def match_q(self, term, part, state):
        """Q: the entry matches query term `term` in `part`; a synonym term when it has every
        word of one of its forms or one of the words typed."""
        if not term.alternatives:
            return self.term_q(term, part, state)
        forms = [reduce(operator.and_, [self.term_q(word, part, state) for word in form])
                 for form in term.alternatives]
        return reduce(operator.or_, forms + [self.term_q(word, part, state) for word in term.typed])

    def whole_forms(self, terms, state):
        """SQL: how many synonym terms an entry matches by a whole form (ranks it above one typed word)."""
        return _count_of([reduce(operator.or_, [reduce(operator.and_, [self.term_q(word, "any", state)
                                                                        for word in form])
                                                for form in term.alternatives])
                          for term in terms if term.alternatives])

    def filtered(self, request, skip=None):
        """Entries the reader may see, with the request's facet filters (except `skip`'s)."""
        entries = SearchEntry.objects.filter(deleted=False)
        if request.audience is not None:
            entries = entries.filter(Exists(SearchEntryFacet.objects.filter(
                entry=OuterRef("pk"), name="audience", value__in=list(request.audience))))
        if request.hidden:
            # `paths` is " P1 P2 ": " H" finds a path that starts with the hidden path H.
            entries = entries.exclude(reduce(operator.or_, [Q(paths__contains=f" {path}") for path in request.hidden]))
        if request.within:
            entries = entries.filter(reduce(operator.or_, [Q(paths__contains=f" {path}") for path in request.within]))
        for name, values in request.filters.items():
            if values and name != skip:
                entries = entries.filter(Exists(SearchEntryFacet.objects.filter(
                    entry=OuterRef("pk"), name=name, value__in=[str(v) for v in values])))
        return entries

    def entries(self, request, skip=None, terms=None, state=None):
        """Entries matching `request`, annotated with `matched`, `in_title` and `in_tags` counts."""
        entries = self.filtered(request, skip)
        if terms is None:
            terms = search_terms(request.text)
        if not terms:
            return entries.annotate(matched=ZERO, in_title=ZERO, in_tags=ZERO)
        state = self.prepare_words(terms) if state is None else state
        any_q = [self.match_q(term, "any", state) for term in terms]
        entries = entries.filter(reduce(operator.or_, any_q)).annotate(
            matched=_count_of(any_q),
            in_title=_count_of([self.match_q(term, "title", state) for term in terms]),
            in_tags=_count_of([self.match_q(term, "tags", state) for term in terms]),
        )
        required = required_matches(len(terms))
        return entries.filter(matched__gte=required) if required > 1 else entries

    def matched(self, entries):
        """(entries, count, entries for the facet counts) of a match (PostgreSQL reads the ids once)."""
        return entries, entries.count(), entries

    def search(self, request):
        terms = search_terms(request.text)
        state = self.prepare_words(terms)
        entries, count, for_facets = self.matched(self.entries(request, terms=terms, state=state))
        results = self.results(request, entries, count, terms, state, for_facets)
        if count < THIN_RESULTS and state.get("unknown"):
            results.suggestion = self.suggestion(request, state["unknown"], count)
        return results

    def suggestion(self, request, unknown, count):
        """A corrected query (search.suggestions) offered only if it finds at least as many items
        (and at least one) as the query did, that this reader may open with the same filters; else ""."""
        text = suggestions.corrected(request.text, unknown)
        if not text:
            return ""
        check = SearchRequest(text=text, filters=request.filters, language=request.language,
                              audience=request.audience, hidden=request.hidden, within=request.within)
        terms = search_terms(text)
        found = self.entries(check, terms=terms, state=self.prepare_words(terms)).count()
        return text if found >= max(count, 1) else ""

    def ordered(self, entries, request, terms, state=None):
        if not terms or request.order == "date":
            return entries.order_by("-date", "-pk")
        entries = entries.annotate(
            own_language=Case(When(languages__contains=request.language, then=Value(1)), default=ZERO,
                              output_field=IntegerField()),
        )
        first = ["-matched"]
        if any(term.alternatives for term in terms):
            entries = entries.annotate(whole_forms=self.whole_forms(terms, state or {}))
            first.append("-whole_forms")
        return entries.order_by(*first, "-in_title", "-in_tags", *self.rank_order(terms, state or {}),
                                "-own_language", "-date", "-pk")

    def results(self, request, entries, count, terms, state, for_facets):
        """One page of ranked hits with snippets, and the facets, of `entries`."""
        rows = list(self.ordered(entries, request, terms, state).only(
            "kind", "object_id", "title", "url", "summary", "body", "languages", "translations")[
            request.offset:request.offset + request.page_size])
        shown = {row.pk: self.shown(row, request.language) for row in rows}
        snippets = self.snippets(rows, shown, terms) if terms else {}
        hits = [self.hit(row, shown[row.pk], terms, snippets.get(row.pk)) for row in rows]
        facets = self.facets(request, for_facets, terms, state)
        return Results(count=count, hits=hits, facets=facets, engine=self.name)

    @staticmethod
    def shown(row, language):
        """(language, {"title", "url", "summary", "text"?}) of the translation a reader of `language` is shown."""
        return shown_translation(row.translations, tuple(row.languages.split()), language, row.title, row.url)

    @staticmethod
    def snippet_text(row, shown):
        """What a hit's snippet is cut from: the shown translation's bounded text, else the item's."""
        return shown.get("text") or row.body or row.summary

    def snippets(self, rows, shown, terms):
        """{pk: snippet} for the page's `rows` with a query; a row left out gets `highlight`'s
        (PostgreSQL: SearchHeadline)."""
        return {}

    def hit(self, row, shown, terms, snippet=None):
        code, translation = shown
        if snippet is None:
            text = self.snippet_text(row, translation)
            summary = translation.get("summary") or row.summary or text
            snippet = highlight(text, terms) if terms else highlight(summary, [])
        return Hit(row.kind, row.object_id, translation["title"], translation["url"], snippet, code,
                   tuple(row.languages.split()))

    def facets(self, request, entries, terms, state):
        """Disjunctive counts of items: each facet's values counted with every other facet's filter applied.

        Facets without a selection share one query over `entries`; each selected facet takes
        one more query without its own filter, so its alternatives keep their counts."""
        selected = [name for name in FACETS if request.filters.get(name)]
        queries = [(entries, [name for name in FACETS if name not in selected])]
        queries += [(self.matched(self.entries(request, skip=name, terms=terms, state=state))[2], [name])
                    for name in selected]
        facets = {}
        for matching, names in queries:
            if not names:
                continue
            rows = (SearchEntryFacet.objects.filter(entry__in=matching.values("pk"), name__in=names)
                    .values("name", "value").annotate(n=Count("entry", distinct=True)).order_by("name", "-n", "value"))
            for row in rows:
                facets.setdefault(row["name"], []).append((row["value"], row["n"]))
        return {name: facets[name] for name in FACETS if name in facets}

    def ranked_ids(self, request, limit):
        """Object ids of the best `limit` matches, best first (no snippets, no facets)."""
        terms = search_terms(request.text)
        state = self.prepare_words(terms)
        entries = self.entries(request, terms=terms, state=state)
        return list(self.ordered(entries, request, terms, state).values_list("object_id", flat=True)[:limit])

    def matching_keys(self, request, keys):
        found = set()
        terms = search_terms(request.text)
        state = self.prepare_words(terms)
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = keys[start:start + KEYS_PER_REQUEST]
            found.update(self.entries(request, terms=terms, state=state).filter(key__in=chunk)
                         .values_list("key", flat=True))
        return found

    def autocomplete(self, text, audience, language, size, hidden=()):
        """Items whose title has every typed word (the last one as a prefix), by relevance."""
        request = SearchRequest(text=text, audience=audience, language=language, hidden=tuple(hidden))
        terms = query_terms(text)
        if not terms:
            return []
        entries = self.filtered(request)
        for term in terms[:-1]:
            entries = entries.filter(self.term_q(term, "title", {}))
        entries = entries.filter(self.prefix_q(terms[-1]))
        # Relevance: a title that starts with the typed text, then titles with more of the typed
        # words as whole words, then the reader's language, shorter titles before longer ones.
        typed = folded_words(text)
        rows = entries.annotate(
            starts=Case(When(folded_title__startswith=f" {typed}", then=Value(1)), default=ZERO,
                        output_field=IntegerField()),
            whole=_count_of([Q(folded_title__contains=f" {term.folded} ") for term in terms]),
            own_language=Case(When(languages__contains=language, then=Value(1)), default=ZERO,
                              output_field=IntegerField()),
            length=Length("title"),
        ).order_by("-starts", "-whole", "-own_language", "length", "pk").only(
            "kind", "title", "url", "languages", "translations")[:size]
        items = []
        for row in rows:
            code, shown = shown_translation(row.translations, tuple(row.languages.split()), language, row.title,
                                            row.url)
            items.append({"title": shown["title"], "url": shown["url"], "type": row.kind, "language": code})
        return items

    @staticmethod
    def prefix_q(term):
        """Q: a title word starts with the last typed word (folded, or its transliteration key)."""
        folded = term.folded
        return Q(folded_title__contains=f" {folded}") | Q(folded_title__contains=f" {translit_word(folded)}")
