"""Which new items a subscriber gets: their preferences, their saved search, what they may see.

Rules (tested on a known dataset in tests/test_matching.py):
- the item must be visible to the subscriber (its Audience) and published inside their window;
- its kind must be one they chose, unless it matches their saved search (a saved search is a
  topic of its own: it brings matching items of any kind, sector or region);
- chosen sectors: an item with sectors must share one; an item without sectors is general and passes;
- chosen voivodeships: likewise, and a nationwide item ("all") passes;
- group news goes only to members of one of the item's working groups.
"""

import re
import unicodedata
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings

from home.models import NATIONWIDE

# Characters that NFKD does not decompose but that people type without their diacritic.
FOLD = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "đ": "d", "ї": "і", "ё": "е", "ґ": "г"})
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower-case `text` without diacritics, so "Łódź" matches "lodz"."""
    text = unicodedata.normalize("NFKD", (text or "").translate(FOLD))
    return "".join(char for char in text if not unicodedata.combining(char)).casefold()


def normalize_saved_search(value):
    """The stored form of a saved search: the query string of a search-page URL, or "" when empty.

    Accepts a whole URL ("https://…/pl/search/?q=mieszkania"), a query string ("q=mieszkania")
    or plain words ("mieszkania Lublin"). Returns a query string with a non-empty `q`.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if "?" in value or value.startswith(("http://", "https://", "/")):
        value = urlsplit(value).query
    elif "=" not in value:
        value = urlencode({"q": value})
    params = parse_qs(value, keep_blank_values=False)
    query = " ".join(params.get("q", [])).strip()
    if not query:
        return ""
    kept = {"q": query, **{key: values[-1] for key, values in sorted(params.items()) if key != "q"}}
    return urlencode(kept)


def saved_search_terms(saved_search):
    """The folded words of a stored saved search's `q`."""
    query = " ".join(parse_qs(saved_search or "").get("q", []))
    return tuple(WORD.findall(fold(query)))


def text_matcher(items, saved_search):
    """Default saved-search matcher: every word of `q` appears in the item's text in some language.

    The search app may replace it (setting DIGESTS_SAVED_SEARCH_MATCHER, a dotted path to a
    function with this signature returning the set of matching item keys) to reuse its engine.
    """
    terms = saved_search_terms(saved_search)
    if not terms:
        return set()
    return {item.key for item in items if all(term in _search_text(item) for term in terms)}


def _search_text(item):
    if not item.search_text:
        parts = [text.title + " " + text.summary for text in item.texts.values()]
        item.search_text = fold(" ".join(parts))
    return item.search_text


def saved_search_matcher():
    path = getattr(settings, "DIGESTS_SAVED_SEARCH_MATCHER", "")
    if not path:
        return text_matcher
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


@dataclass(frozen=True)
class Preferences:
    """A subscription's choices, read once per batch (no query per item)."""

    kinds: frozenset
    sectors: frozenset
    voivodeships: frozenset
    saved_search: str = ""

    @classmethod
    def of(cls, subscription):
        """Preferences of a subscription whose sectors and voivodeships are prefetched."""
        return cls(
            kinds=frozenset(subscription.kinds or ()),
            sectors=frozenset(term.code for term in subscription.sectors.all()),
            voivodeships=frozenset(term.code for term in subscription.voivodeships.all()),
            saved_search=subscription.saved_search,
        )


def _overlaps(chosen, item_codes, nationwide=False):
    if not chosen or not item_codes:
        return True
    if nationwide and NATIONWIDE in item_codes:
        return True
    return bool(chosen & item_codes)


def matches(item, preferences, reader, topic_keys=frozenset()):
    """Whether `item` belongs in the digest of a subscriber with these preferences."""
    if not item.audience.allows(reader):
        return False
    if item.kind == "group-news" and not (item.working_groups & reader.working_groups):
        return False
    if item.key in topic_keys:
        return True
    return (
        item.kind in preferences.kinds
        and _overlaps(preferences.sectors, item.sectors)
        and _overlaps(preferences.voivodeships, item.voivodeships, nationwide=True)
    )


def select_items(items, preferences, reader, start=None, topic_cache=None):
    """The items of `items` (one batch's) that this subscriber gets, published at or after `start`.

    `topic_cache` maps a saved search to its matching keys so that subscribers sharing a
    saved search run the matcher once per batch.
    """
    if start is not None:
        items = [item for item in items if item.published_at >= start]
    topic_keys = frozenset()
    if preferences.saved_search:
        cache = topic_cache if topic_cache is not None else {}
        if preferences.saved_search not in cache:
            cache[preferences.saved_search] = frozenset(saved_search_matcher()(items, preferences.saved_search))
        topic_keys = cache[preferences.saved_search]
    return [item for item in items if matches(item, preferences, reader, topic_keys)]
