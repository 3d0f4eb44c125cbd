"""Synonyms the editors keep (the `Synonym` snippet), applied by expanding the query.

One code path for every engine: the query's words (search.analysis.query_terms) are scanned for
the forms of each synonym group; a run of words that is one form ("800 plus", "karty pobytu":
words compared by their match keys, so inflection, diacritics and script do not matter) becomes
ONE query term whose alternatives are all the group's forms. An item matches that term when it
has every word of any one form, or (as without the synonym) one of the words typed; engines rank a
whole form above a single typed word. Nothing is indexed differently: a change in the admin counts
from the next search of every process (each keeps the compiled groups while the version "synonyms"
stays the same: home.versions; a save or delete bumps it, and every search reads it).
"""

from core.request_memo import forget_request_memo
from home import versions

from .analysis import Term, query_terms

VERSION = "synonyms"
MAX_FORM_WORDS = 6


def phrase_terms(form):
    """The words of one form as query terms (stop words dropped as in queries)."""
    return tuple(query_terms(form, limit=MAX_FORM_WORDS))


def groups():
    """[(form terms, …), …]: every synonym group with two or more searchable forms.

    Compiled once per process and version: the version is read with the request's other versions
    (one round trip for all), where the compiled groups themselves were a cache read and an
    unpickling on every search."""
    return versions.per_process(VERSION, _compile)


def _compile():
    from .models import Synonym

    compiled = []
    for synonym in Synonym.objects.all():
        forms = tuple(terms for terms in (phrase_terms(form) for form in synonym.forms()) if terms)
        if len(forms) > 1:
            compiled.append(forms)
    return compiled


def forget(**kwargs):
    """A synonym was saved or deleted (post_save/post_delete): a new version, so every process compiles
    the groups again at its next search (this request too: its memoised version is dropped)."""
    versions.bump(VERSION)
    forget_request_memo()


def _matches(terms, start, form):
    return start + len(form) <= len(terms) and all(
        set(terms[start + offset].keys) & set(word.keys) for offset, word in enumerate(form))


def expand(terms):
    """`terms` with each run of words that is a synonym form replaced by one term of alternatives
    (the longest form wins where forms overlap)."""
    known = groups()
    if not known or not terms:
        return terms
    out, position = [], 0
    while position < len(terms):
        best = None
        for forms in known:
            for form in forms:
                if _matches(terms, position, form) and (best is None or len(form) > best[0]):
                    best = (len(form), forms)
        if best is None:
            out.append(terms[position])
            position += 1
            continue
        length, forms = best
        run = terms[position:position + length]
        keys = tuple(sorted({key for form in forms for word in form for key in word.keys}))
        out.append(Term(" ".join(word.word for word in run), keys, alternatives=forms, typed=tuple(run)))
        position += length
    return out


def search_terms(text):
    """The query's terms as every engine matches them: words, stop words dropped, synonyms expanded."""
    return expand(query_terms(text))
