"""The Elasticsearch engine: elasticsearch.dsl queries on the content alias.

A query is one clause per word (stop words dropped, search.analysis) and an item must match
`required_matches(n)` of the n words (minimum_should_match), so every word counts for the
ranking and none is required. A word matches through the match keys that the database
engines use too (lemma, folded, transliterated; title > sectors > text), the language
fields (hunspell), and, with a typo, its transliteration key (fuzzy). Any transport
error becomes SearchUnavailable (the service then answers from the database).
"""

import logging

from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch.dsl import Q as EQ
from elasticsearch.dsl import Search

from ..analysis import SNIPPET_LENGTH, required_matches
from ..documents import LANGUAGES, alias_name
from ..registry import FACETS, SHOWN_TEXT
from ..synonyms import search_terms
from ..text import fold, translit
from .base import KEYS_PER_REQUEST, THIN_RESULTS, Hit, Results, SearchRequest, SearchUnavailable, shown_translation

logger = logging.getLogger(__name__)
SOURCE = ["kind", "object_id", "title", "url", "summary", "language", "translations"]


class ElasticsearchEngine:
    """Ranked OR of the query's words with facets, highlights and a spelling suggestion."""

    name = "elasticsearch"

    def __init__(self, client):
        self.client = client

    @staticmethod
    def facet_filters(request):
        """{facet: terms query} of the selected facets."""
        return {name: EQ("terms", **{name: [str(v) for v in values]})
                for name, values in request.filters.items() if values}

    @staticmethod
    def readable(s, audience, hidden):
        """`s` narrowed to the documents a reader with these audience tokens may see, without those with a
        page under a `hidden` tree path (case-insensitive: an index made before `path` was mapped as a
        keyword holds it lower-cased; tree paths have upper-case letters and digits only)."""
        if audience is not None:
            s = s.filter("terms", audience=sorted(audience))
        for path in hidden:
            s = s.exclude("prefix", path={"value": path, "case_insensitive": True})
        return s

    def base(self, request, facet_filters=True):
        """Audience, text and (unless `facet_filters` is False: build() post-filters them) facet filters."""
        s = self.readable(Search(using=self.client, index=alias_name()), request.audience, request.hidden)
        if request.within:
            s = s.filter("bool", minimum_should_match=1, should=[
                EQ("prefix", path={"value": path, "case_insensitive": True}) for path in request.within])
        if facet_filters:
            for query in self.facet_filters(request).values():
                s = s.filter(query)
        text_query = self.text_query(request.text, request.language) if request.text else None
        if text_query is not None:
            # The reader's own language a little higher, without hiding the others.
            s = s.query(EQ("bool", must=[text_query],
                           should=[EQ("term", language={"value": request.language, "boost": 0.5})]))
        if text_query is None or request.order == "date":
            s = s.sort("-date", "_doc")
        return s

    @classmethod
    def term_query(cls, term, language):
        """How one query term matches: a word (word_query), or a synonym term by every word of any one
        of its forms (scores summed: above) or by one word typed (alone: below, as without the synonym)."""
        if not term.alternatives:
            return cls.word_query(term, language)
        forms = [EQ("bool", must=[cls.word_query(word, language) for word in form]) for form in term.alternatives]
        typed = [EQ("bool", must=[cls.word_query(word, language)], boost=0.3) for word in term.typed]
        return EQ("dis_max", queries=forms + typed)

    @staticmethod
    def word_query(term, language):
        """How one query word matches an item: its keys (title, sectors, text), the language
        fields, and its transliteration key with a typo."""
        keys = " ".join(term.keys)
        own = {code: 1.5 if code == language else 1.0 for code in LANGUAGES}
        return EQ("dis_max", tie_breaker=0.3, queries=[
            EQ("match", keys_title={"query": keys, "boost": 6}),
            EQ("match", keys_tags={"query": keys, "boost": 3}),
            EQ("match", keys_text={"query": keys, "boost": 1}),
            EQ("multi_match", query=term.word, type="best_fields",
               fields=[f"title_{code}^{4 * own[code]}" for code in LANGUAGES]
               + [f"body_{code}^{own[code]}" for code in LANGUAGES]
               + [f"summary_{code}^{own[code]}" for code in LANGUAGES]),
            EQ("multi_match", query=translit(term.word), fields=["translit_title^2", "translit_text"],
               fuzziness="AUTO", prefix_length=1, max_expansions=20, boost=0.5),
        ])

    def text_query(self, text, language):
        """The ranked OR of the query's words, or None when it has no words."""
        terms = search_terms(text)
        if not terms:
            return None
        return EQ("bool", should=[self.term_query(term, language) for term in terms],
                  minimum_should_match=required_matches(len(terms)))

    def execute(self, s):
        """The elasticsearch.dsl Response of the Search `s` (the less used queries: checks, ids, autocomplete)."""
        return self._answered(s.execute)

    def send(self, body):
        """The raw answer (a dict) of the search `body` on the content alias.

        The page and the API read it as it comes: wrapping a page of hits, their highlights and
        seven facets' buckets in elasticsearch.dsl's Response/AttrDict objects cost more than
        reading the few values they show (about 1 ms a search)."""
        return self._answered(lambda: self.client.search(index=alias_name(), body=body).body)

    @staticmethod
    def _answered(call):
        """`call()`, any transport or API error becoming SearchUnavailable (the database then answers)."""
        from elasticsearch import ApiError, TransportError

        try:
            return call()
        except (TransportError, ApiError) as exc:
            logger.warning("Elasticsearch unavailable, answering from the database: %r", exc)
            raise SearchUnavailable() from exc

    def search(self, request):
        answer = self.send(self.request_body(request))
        hits = [self._hit(hit, request.language) for hit in answer["hits"]["hits"]]
        aggregations = answer.get("aggregations", {})
        facets = {name: [(str(bucket["key"]), bucket["doc_count"]) for bucket in aggregations[name]["options"]["buckets"]]
                  for name in FACETS}
        results = Results(count=answer["hits"]["total"]["value"], hits=hits, facets=facets, engine=self.name)
        if results.count < THIN_RESULTS and request.text:
            results.suggestion = self.suggestion(request, answer.get("suggest", {}), results.count)
        return results

    def request_body(self, request):
        """The body of the Elasticsearch request for `request` (the bench sends it raw): the full search,
        query, audience and facet filters, highlight, aggregations and spelling suggestion.

        Facet filters are a post_filter, and each facet's aggregation applies the other facets'
        filters only (disjunctive faceting): a reader who picked "housing" still sees how many
        results "education" would add, and the counts of every other facet match the results.

        The query comes from `base` (elasticsearch.dsl, shared with the other searches); the rest is
        written as the plain dict it is: dsl's Search, which copies itself at every step, and its
        aggregation objects took more time than all the rest of the body (about 0.5 ms a search)."""
        body = self.base(request, facet_filters=False).to_dict()
        filters = {name: query.to_dict() for name, query in self.facet_filters(request).items()}
        if filters:
            body["post_filter"] = {"bool": {"filter": list(filters.values())}}
        if request.text:
            body["highlight"] = self.highlight(request.text)
        body["_source"] = SOURCE
        body["aggs"] = {name: {
            "filter": {"bool": _filter([query for other, query in filters.items() if other != name])},
            "aggs": {"options": {"terms": {"field": name, "size": 30,
                                           "order": {"_key": "desc"} if name == "year" else {"_count": "desc"}}}},
        } for name in FACETS}
        if request.text:
            body["suggest"] = {"spelling": {"text": request.text[:100], "term": {
                "field": "spell", "suggest_mode": "missing", "min_word_length": 3, "prefix_length": 0}}}
        body.update({"track_total_hits": True, "from": request.offset, "size": request.page_size})
        return body

    @staticmethod
    def highlight(text):
        """The request's highlight: one snippet per hit from the bounded `snippet_*` fields only.

        Those hold the first SHOWN_TEXT characters of each translation with their offsets in the
        postings: the highlighter neither reads a whole attachment nor analyses text again.
        Their own query (the typed words in each language's analysis) marks inflected forms;
        `max_analyzed_offset` bounds the work even for a document indexed before the limit."""
        fields = [f"snippet_{code}" for code in LANGUAGES]
        return {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1, "encoder": "html", "pre_tags": ["<mark>"],
                "post_tags": ["</mark>"], "no_match_size": 0, "max_analyzed_offset": SHOWN_TEXT,
                "highlight_query": {"multi_match": {"query": text, "fields": fields}},
                "fields": {field: {} for field in fields}}

    @staticmethod
    def _hit(hit, language):
        """A Hit from one raw hit of the answer: the reader's translation, its highlighted snippet."""
        source = hit["_source"]
        languages = tuple(source.get("language") or ())
        translations = source.get("translations") or {}
        code, shown = shown_translation(translations, languages, language, source.get("title"), source.get("url"))
        snippet = ""
        highlight = hit.get("highlight") or {}
        for other in [code] + [c for c in LANGUAGES if c != code]:
            fragments = highlight.get(f"snippet_{other}")
            if fragments:
                snippet = fragments[0]
                break
        if not snippet:
            summary = shown.get("summary") or source.get("summary") or ""
            snippet = escape(summary[:SNIPPET_LENGTH]) + (" …" if len(summary) > SNIPPET_LENGTH else "")
        return Hit(source.get("kind"), source.get("object_id"), shown["title"], shown["url"], mark_safe(snippet), code,
                   languages)

    def suggestion(self, request, suggest, count=0):
        """A corrected query, offered only if it finds at least as many items (and one) this reader may open.

        `suggest`: the answer's "suggest" part (the term suggester's entries for each word)."""
        text, changed = request.text, False
        for item in suggest.get("spelling", ()):
            if item["options"]:
                text = text.replace(item["text"], item["options"][0]["text"], 1)
                changed = True
        if not changed:
            return ""
        check = SearchRequest(text=text, filters=request.filters, language=request.language,
                              audience=request.audience, hidden=request.hidden, within=request.within)
        # The count only, read from the raw answer as the search's own (no Response objects).
        found = self.send(self.base(check).extra(size=0, track_total_hits=True).to_dict())["hits"]["total"]["value"]
        return text if found >= max(count, 1) else ""

    def ranked_ids(self, request, limit):
        """Object ids of the best `limit` matches, best first."""
        s = self.base(request).source(["object_id"]).extra(size=limit)
        return [hit.object_id for hit in self.execute(s)]

    def matching_keys(self, request, keys):
        found = set()
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = keys[start:start + KEYS_PER_REQUEST]
            s = self.base(request).filter("ids", values=chunk).source(False).extra(size=len(chunk))
            found.update(hit.meta.id for hit in self.execute(s))
        return found

    def autocomplete(self, text, audience, language, size, hidden=()):
        """Titles having the typed words (the last as a prefix), by relevance, in the reader's language."""
        s = self.readable(Search(using=self.client, index=alias_name()), audience, hidden)
        s = s.query(EQ("bool", should=[
            EQ("match_bool_prefix", title_folded={"query": fold(text), "operator": "and"}),
            EQ("match_bool_prefix", translit_title={"query": translit(text), "operator": "and"}),
        ], minimum_should_match=1)).source(SOURCE)[:size]
        items = []
        for hit in self.execute(s):
            languages = tuple(hit.language) if hit.language else ()
            translations = hit.translations.to_dict() if getattr(hit, "translations", None) else {}
            code, shown = shown_translation(translations, languages, language, hit.title, hit.url)
            items.append({"title": shown["title"], "url": shown["url"], "type": hit.kind, "language": code})
        return items


def _filter(queries):
    """A bool query's filter clauses as elasticsearch.dsl writes them (none: no key)."""
    return {"filter": queries} if queries else {}
