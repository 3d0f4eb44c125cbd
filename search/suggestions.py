""""Did you mean" on the database engines: a correction from the vocabulary of indexed words.

Elasticsearch has its term suggester (engines.elasticsearch). On PostgreSQL and SQLite each
query word that matched no item is replaced by the most similar word of `IndexedWord` (the words
of titles and summaries, filled by indexing.store): trigram similarity through pg_trgm's GIN
index on PostgreSQL, edit-distance ratio (difflib) over words of about the same length on
SQLite. The engine then offers the corrected query only if it finds more than the query did.
"""

import difflib

from django.db import connection

from .analysis import is_stop_word, word_languages, words
from .text import fold

MIN_WORD = 3  # shorter words are not corrected
MAX_WORD = 40
SIMILARITY = 0.4  # trigram similarity of a one-letter typo in a 5-8 letter word is about 0.4-0.6
RATIO = 0.75  # difflib's ratio for the same on SQLite
SQLITE_CANDIDATES = 20_000


def vocabulary(texts):
    """{word: folded} of the words worth offering as corrections in `texts`."""
    found = {}
    for text in texts:
        for word in words(text):
            lower = word.lower()
            if MIN_WORD <= len(lower) <= MAX_WORD and not lower.isdigit() and \
                    not is_stop_word(lower, word_languages(lower)):
                found.setdefault(lower, fold(lower)[:MAX_WORD])
    return found


def remember(texts):
    """Add the words of `texts` to the vocabulary (existing ones are kept as they are)."""
    from .models import IndexedWord

    found = vocabulary(texts)
    if found:
        IndexedWord.objects.bulk_create(
            [IndexedWord(word=word, folded=folded, length=len(folded)) for word, folded in found.items()],
            ignore_conflicts=True, batch_size=2000)


def closest(word):
    """The indexed word most like `word` (not `word` itself), or None."""
    from .models import IndexedWord

    folded = fold(word.lower())
    if len(folded) < MIN_WORD or len(folded) > MAX_WORD:
        return None
    nearby = IndexedWord.objects.filter(length__gte=len(folded) - 2, length__lte=len(folded) + 2).exclude(
        folded=folded)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        best = (nearby.filter(folded__razem_similar=folded)
                .annotate(similarity=TrigramSimilarity("folded", folded))
                .filter(similarity__gte=SIMILARITY).order_by("-similarity", "length", "word")
                .values_list("word", flat=True).first())
        return best
    candidates = dict(nearby.values_list("folded", "word")[:SQLITE_CANDIDATES])
    matches = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=RATIO)
    return candidates[matches[0]] if matches else None


def corrected(text, unknown):
    """`text` with each word of `unknown` (words that matched nothing) replaced by its closest
    indexed word; "" when nothing could be corrected."""
    out, changed = [], False
    for word in words(text):
        replacement = closest(word) if word in unknown else None
        out.append(replacement or word)
        changed = changed or bool(replacement)
    return " ".join(out) if changed else ""
