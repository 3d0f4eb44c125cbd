"""The search service: one interface, two engines (Elasticsearch and the database fallback).

`search(SearchRequest)` uses Elasticsearch when ELASTICSEARCH_URL is set and answers from
the database when it is not; when Elasticsearch is down or slower than
ELASTICSEARCH_TIMEOUT the database answers and `Results.notice` says so.
"""

import logging
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .client import get_client
from .documents import LANGUAGES, alias_name
from .models import SearchEntry, SearchEntryFacet
from .registry import FACETS
from .text import fold, translit, translit_word

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
TYPO_THRESHOLD = 0.5  # pg_trgm word similarity accepted when nothing matched as typed
MAX_PAGE = 100  # deeper pages are not useful and cost Elasticsearch's deep paging
SNIPPET_LENGTH = 200
FILTERS = ("kind", "sector", "voivodeship", "target_group", "language", "topic", "year")


@dataclass
class SearchRequest:
    """What the reader asked for: text, facet filters, their language and their audience."""

    text: str = ""
    filters: dict = field(default_factory=dict)  # {"sector": ["housing"], …}
    language: str = "pl"
    audience: set | None = field(default_factory=lambda: {"public"})  # None: may see everything
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self):
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    kind: str
    object_id: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around matches
    language: str


@dataclass
class Results:
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # {"sector": [("housing", 3), …]}
    suggestion: str = ""
    engine: str = "database"
    notice: bool = False  # True when Elasticsearch failed and the database answered


class SearchUnavailable(Exception):
    """Elasticsearch could not answer (down, slow, broken index)."""


def search(request):
    """Run the search on the configured engine, falling back to the database on failure."""
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).search(request)
        except SearchUnavailable:
            results = DatabaseEngine().search(request)
            results.notice = True
            return results
    return DatabaseEngine().search(request)


def autocomplete(text, audience, language="pl", size=8):
    """Titles starting with the typed words: [{"title", "url", "type"}]."""
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).autocomplete(text, audience, language, size)
        except SearchUnavailable:
            pass
    return DatabaseEngine().autocomplete(text, audience, language, size)


def matching_keys(request, keys):
    """Which of these entry keys the request's text and filters find (no ranking, no facets).

    For matching known items (digests' saved searches); the database answers when
    Elasticsearch is not configured, down or slow."""
    keys = list(keys)
    if not keys or not request.text:
        return set()
    client = get_client()
    if client is not None:
        try:
            return ElasticsearchEngine(client).matching_keys(request, keys)
        except SearchUnavailable:
            pass
    return DatabaseEngine().matching_keys(request, keys)


KEYS_PER_REQUEST = 1000


def _words(text):
    return re.findall(r"\w+", text)


def _mark(text, words, length=SNIPPET_LENGTH):
    """An escaped excerpt of `text` around the first matched word, matches in <mark>."""
    folded = fold(text)
    stems = [fold(word)[: max(4, len(word) - 2)] for word in words if word]
    start = 0
    for stem in stems:
        found = folded.find(stem) if stem else -1
        if found >= 0:
            start = max(0, found - length // 3)
            break
    # anyascii may change lengths (ł→l keeps 1:1 for Polish; Cyrillic expands): fall back to the start.
    if len(folded) != len(text):
        start = 0
    excerpt = text[start:start + length]
    html = escape(excerpt)
    for stem in stems:
        if len(folded) == len(text):
            html = _mark_stem(html, excerpt, stem)
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(prefix + html + suffix)


def _mark_stem(html, excerpt, stem):
    folded = fold(excerpt)
    if len(folded) != len(excerpt):
        return html
    positions = [m.start() for m in re.finditer(re.escape(stem), folded)]
    if not positions:
        return html
    # Rebuild from the excerpt so escaping stays correct around the marks.
    out, last = [], 0
    for pos in positions:
        end = pos + len(stem)
        while end < len(excerpt) and excerpt[end].isalnum():
            end += 1
        if pos < last:
            continue
        out.append(escape(excerpt[last:pos]))
        out.append(f"<mark>{escape(excerpt[pos:end])}</mark>")
        last = end
    out.append(escape(excerpt[last:]))
    return "".join(out)


class DatabaseEngine:
    """Searches the SearchEntry table: folded text, transliteration keys, crude prefix stemming."""

    name = "database"

    def entries(self, request, skip=None, typos=False):
        """The entries matching `request`; `skip`: a facet whose own filter is left out (its counts);
        `typos`: also accept words trigram-similar to the query's (PostgreSQL)."""
        entries = SearchEntry.objects.filter(deleted=False)
        if request.audience is not None:
            entries = entries.filter(Exists(SearchEntryFacet.objects.filter(
                entry=OuterRef("pk"), name="audience", value__in=list(request.audience))))
        for name, values in request.filters.items():
            if values and name != skip:
                entries = entries.filter(Exists(SearchEntryFacet.objects.filter(
                    entry=OuterRef("pk"), name=name, value__in=[str(v) for v in values])))
        for word in _words(request.text)[:10]:
            entries = entries.filter(self._word_q(word, typos))
        return entries

    def _word_q(self, word, typos=False):
        folded = fold(word)
        # Without a stemmer, a prefix stands in for inflection ("uchodzcom" → "uchodzc", "umowa" → "umow").
        # `folded` is stored lower-cased: LIKE (not ILIKE/UPPER) lets PostgreSQL use the trigram index.
        stem = folded[: max(4, len(folded) - 2)] if len(folded) > 4 else folded
        q = Q(folded__contains=stem) | Q(folded__contains=translit_word(folded))
        if typos and len(folded) >= 4:
            q |= Q(folded__razem_word_similar=folded)
        return q

    @staticmethod
    def typos_supported():
        return connection.vendor == "postgresql"

    @staticmethod
    def matched(entries):
        """(entries, count): on PostgreSQL the matching ids are read once and the page, the count
        and the facets reuse them, instead of evaluating the text match (LIKE over the whole
        folded text) in three scans."""
        if connection.vendor != "postgresql":
            return entries, entries.count()
        ids = list(entries.values_list("pk", flat=True))
        return SearchEntry.objects.filter(pk__razem_any=ids), len(ids)

    def search(self, request):
        entries, count = self.matched(self.entries(request))
        if count == 0 and request.text and self.typos_supported():
            # Nothing matched as typed: accept typos (trigram word similarity). One wrong letter
            # inside a word scores about 0.5-0.55: the threshold is lowered for this transaction only.
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                                   [str(TYPO_THRESHOLD)])
                entries, count = self.matched(self.entries(request, typos=True))
                return self.results(request, entries, count, typos=True)
        return self.results(request, entries, count)

    def results(self, request, entries, count, typos=False):
        """One page of ranked hits with snippets, and the facets, of `entries`."""
        words = _words(request.text)
        title_match = Q()
        for word in words[:10]:
            title_match &= Q(folded_title__contains=translit_word(fold(word))[:5])
        ranked = entries.annotate(
            in_title=Case(When(title_match, then=Value(1)), default=Value(0), output_field=IntegerField()) if words
            else Value(0, output_field=IntegerField()),
            own_language=Case(When(languages__contains=request.language, then=Value(1)), default=Value(0),
                              output_field=IntegerField()),
        ).order_by("-in_title", "-own_language", "-date", "-pk")
        rows = ranked.only("kind", "object_id", "title", "url", "summary", "body", "languages")[
            request.offset:request.offset + request.page_size]
        hits = [
            Hit(row.kind, row.object_id, row.title, row.url,
                _mark(row.body or row.summary, words) if words else _mark(row.summary or row.body, []),
                self._language(row.languages, request.language))
            for row in rows
        ]
        facets = self.facets(request, entries, typos)
        return Results(count=count, hits=hits, facets=facets, engine=self.name)

    @staticmethod
    def _language(languages, preferred):
        codes = languages.split()
        return preferred if preferred in codes else (codes[0] if codes else "")

    def facets(self, request, entries, typos=False):
        """Disjunctive counts: each facet's values counted with every other facet's filter applied.

        Facets without a selection share one query over `entries`; each selected facet takes
        one more query without its own filter, so its alternatives keep their counts."""
        selected = [name for name in FACETS if request.filters.get(name)]
        queries = [(entries, [name for name in FACETS if name not in selected])]
        queries += [(self.matched(self.entries(request, skip=name, typos=typos))[0], [name]) for name in selected]
        facets = {}
        for matching, names in queries:
            if not names:
                continue
            rows = (SearchEntryFacet.objects.filter(entry__in=matching.values("pk"), name__in=names)
                    .values("name", "value").annotate(n=Count("id")).order_by("name", "-n", "value"))
            for row in rows:
                facets.setdefault(row["name"], []).append((row["value"], row["n"]))
        return {name: facets[name] for name in FACETS if name in facets}

    def matching_keys(self, request, keys):
        found = set()
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = keys[start:start + KEYS_PER_REQUEST]
            found.update(self.entries(request).filter(key__in=chunk).values_list("key", flat=True))
        return found

    def autocomplete(self, text, audience, language, size):
        request = SearchRequest(text=text, audience=audience, language=language)
        entries = self.entries(request).order_by("-date", "-pk").only("title", "url", "kind")[:size]
        return [{"title": e.title, "url": e.url, "type": e.kind} for e in entries]


class ElasticsearchEngine:
    """elasticsearch-dsl queries on the content alias; any transport error → SearchUnavailable."""

    name = "elasticsearch"

    def __init__(self, client):
        self.client = client

    @staticmethod
    def facet_filters(request):
        """{facet: terms query} of the selected facets."""
        from elasticsearch_dsl import Q as EQ

        return {name: EQ("terms", **{name: [str(v) for v in values]})
                for name, values in request.filters.items() if values}

    def base(self, request, facet_filters=True):
        """Audience, text and (unless `facet_filters` is False: build() post-filters them) facet filters."""
        from elasticsearch_dsl import Q as EQ
        from elasticsearch_dsl import Search

        s = Search(using=self.client, index=alias_name())
        if request.audience is not None:
            s = s.filter("terms", audience=sorted(request.audience))
        if facet_filters:
            for query in self.facet_filters(request).values():
                s = s.filter(query)
        if request.text:
            # The reader's own language first, without hiding the others.
            s = s.query(EQ("bool", must=[self.text_query(request.text, request.language)],
                           should=[EQ("term", language={"value": request.language, "boost": 2.0})]))
        else:
            s = s.sort("-date", "_doc")
        return s

    @staticmethod
    def text_query(text, language):
        from elasticsearch_dsl import Q as EQ

        def fields(name, boost):
            return [f"{name}_{code}^{boost * (1.5 if code == language else 1)}" for code in LANGUAGES]

        return EQ("bool", should=[
            # Operators the user may type: "phrase", -exclude, prefix*; no field syntax exists here.
            EQ("simple_query_string", query=text, fields=fields("title", 4) + fields("summary", 2) + fields("body", 1),
               default_operator="and", flags="AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
               lenient=True, analyze_wildcard=False),
            EQ("multi_match", query=translit(text), fields=["translit_title^3", "translit_text"],
               fuzziness="AUTO", prefix_length=1, max_expansions=20, operator="and"),
        ], minimum_should_match=1)

    def execute(self, s):
        from elasticsearch import ApiError, TransportError

        try:
            return s.execute()
        except (TransportError, ApiError) as exc:
            logger.warning("Elasticsearch unavailable, answering from the database: %r", exc)
            raise SearchUnavailable() from exc

    def search(self, request):
        s = self.build(request)
        response = self.execute(s)
        hits = [self._hit(hit, request.language) for hit in response]
        facets = {name: [(str(b.key), b.doc_count) for b in response.aggregations[name].options.buckets]
                  for name in FACETS}
        results = Results(count=response.hits.total.value, hits=hits, facets=facets, engine=self.name)
        if results.count == 0 and request.text:
            results.suggestion = self.suggestion(request, response)
        return results

    def request_body(self, request):
        """The body of the Elasticsearch request for `request` (the bench sends it raw)."""
        return self.build(request).to_dict()

    def build(self, request):
        """The full search: query, audience and facet filters, highlight, aggregations, suggestion.

        Facet filters are a post_filter, and each facet's aggregation applies the other facets'
        filters only (disjunctive faceting): a reader who picked "housing" still sees how many
        results "education" would add, and the counts of every other facet match the results."""
        from elasticsearch_dsl import Q as EQ

        s = self.base(request, facet_filters=False)
        filters = self.facet_filters(request)
        if filters:
            s = s.post_filter(EQ("bool", filter=list(filters.values())))
        highlight = [f"{part}_{code}" for part in ("body", "summary", "title") for code in LANGUAGES]
        s = s.highlight(*highlight, fragment_size=SNIPPET_LENGTH, number_of_fragments=1, encoder="html",
                        pre_tags=["<mark>"], post_tags=["</mark>"])
        s = s.source(["kind", "object_id", "title", "url", "summary", "language"])
        for name in FACETS:
            order = {"_key": "desc"} if name == "year" else {"_count": "desc"}
            others = [query for other, query in filters.items() if other != name]
            s.aggs.bucket(name, "filter", filter=EQ("bool", filter=others)).bucket(
                "options", "terms", field=name, size=30, order=order)
        if request.text:
            s = s.suggest("spelling", request.text[:100], term={"field": "spell", "suggest_mode": "missing",
                                                                 "min_word_length": 3, "prefix_length": 0})
        return s.extra(track_total_hits=True)[request.offset:request.offset + request.page_size]

    def _hit(self, hit, language):
        languages = list(hit.language) if hit.language else []
        snippet = ""
        highlight = getattr(hit.meta, "highlight", None)
        if highlight:
            for part in ("body", "summary", "title"):
                for code in [language] + [c for c in LANGUAGES if c != language]:
                    fragments = getattr(highlight, f"{part}_{code}", None)
                    if fragments and not snippet:
                        snippet = fragments[0]
        if not snippet:
            summary = hit.summary or ""
            snippet = escape(summary[:SNIPPET_LENGTH]) + (" …" if len(summary) > SNIPPET_LENGTH else "")
        shown_language = language if language in languages else (languages[0] if languages else "")
        return Hit(hit.kind, hit.object_id, hit.title, hit.url, mark_safe(snippet), shown_language)

    def suggestion(self, request, response):
        """A corrected query, offered only if it finds something this reader may open."""
        suggest = getattr(response, "suggest", None)
        if not suggest:
            return ""
        text, changed = request.text, False
        for item in suggest.spelling:
            if item.options:
                text = text.replace(item.text, item.options[0].text, 1)
                changed = True
        if not changed:
            return ""
        check = SearchRequest(text=text, filters=request.filters, language=request.language,
                              audience=request.audience)
        s = self.base(check).extra(size=0, track_total_hits=True)
        return text if self.execute(s).hits.total.value else ""

    def matching_keys(self, request, keys):
        found = set()
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = keys[start:start + KEYS_PER_REQUEST]
            s = self.base(request).filter("ids", values=chunk).source(False).extra(size=len(chunk))
            found.update(hit.meta.id for hit in self.execute(s))
        return found

    def autocomplete(self, text, audience, language, size):
        from elasticsearch_dsl import Q as EQ

        s = self.base(SearchRequest(audience=audience, language=language)).sort()
        s = s.query(EQ("bool", should=[
            EQ("match_bool_prefix", title_plain={"query": text}),
            EQ("match_bool_prefix", translit_title={"query": translit(text)}),
        ], minimum_should_match=1)).source(["title", "url", "kind"])[:size]
        return [{"title": hit.title, "url": hit.url, "type": hit.kind} for hit in self.execute(s)]
