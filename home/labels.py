"""Names of voivodeships and languages in the reader's language, from maintained data.

- Voivodeships: ISO 3166-2:PL subdivision names and their translations as pycountry
  ships them (the iso-codes project's gettext catalogues). Polish and Ukrainian come
  from there; the Ukrainian names drop the generic word "воєводство", as the Polish
  labels do ("mazowieckie", "Мазовецьке"). iso-codes has no English names for Polish
  subdivisions (its English is the Polish name), so English uses ONE stated form: the
  English adjectival names ("Lower Silesian", "Lesser Poland"…, without "Voivodeship"),
  kept in `ENGLISH` below and reviewed like every override.
- Languages: ISO 639-1 names from CLDR through Babel, first letter capitalised so that a
  list reads the same in every language ("Paszto", "Пушту", "Pashto").

Only labels come from here: the codes, their order and the directory's bit masks stay in
home.models.taxonomy. The ISO 3166-2 code of a voivodeship also gives its TERYT code (the
two digits of "PL-14" are the TERYT code "14" of mazowieckie).
"""

import gettext
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.utils.functional import lazy
from django.utils.translation import get_language

# Our stable code -> ISO 3166-2:PL code (the TERYT code is its number).
ISO_3166_2 = {
    "dolnoslaskie": "PL-02", "kujawsko-pomorskie": "PL-04", "lubelskie": "PL-06", "lubuskie": "PL-08",
    "lodzkie": "PL-10", "malopolskie": "PL-12", "mazowieckie": "PL-14", "opolskie": "PL-16",
    "podkarpackie": "PL-18", "podlaskie": "PL-20", "pomorskie": "PL-22", "slaskie": "PL-24",
    "swietokrzyskie": "PL-26", "warminsko-mazurskie": "PL-28", "wielkopolskie": "PL-30",
    "zachodniopomorskie": "PL-32",
}

# The stated English form: English adjectival names, as the EU and the Polish government's English pages use them.
ENGLISH = {
    "PL-02": "Lower Silesian", "PL-04": "Kuyavian-Pomeranian", "PL-06": "Lublin", "PL-08": "Lubusz",
    "PL-10": "Łódź", "PL-12": "Lesser Poland", "PL-14": "Masovian", "PL-16": "Opole",
    "PL-18": "Subcarpathian", "PL-20": "Podlasie", "PL-22": "Pomeranian", "PL-24": "Silesian",
    "PL-26": "Holy Cross", "PL-28": "Warmian-Masurian", "PL-30": "Greater Poland", "PL-32": "West Pomeranian",
}

# Reviewed corrections of errors in the iso-codes data: (language, ISO code) -> name.
OVERRIDES = {
    ("uk", "PL-30"): "Великопольське",  # iso-codes: "Вєлікопольсе воєводство" (misspelt)
}

# Generic words the Polish labels leave out ("województwo mazowieckie" -> "mazowieckie").
GENERIC_WORD = {"uk": " воєводство"}


def _language():
    return (get_language() or "pl").split("-")[0]


def teryt(code):
    """The TERYT code ("14") of our voivodeship code ("mazowieckie"); "" when unknown."""
    iso = ISO_3166_2.get(code, "")
    return iso.removeprefix("PL-")


@cache
def _iso_names(language):
    """{ISO code: name} of Poland's subdivisions in `language` (pycountry's catalogue, corrected)."""
    try:
        catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        catalogue = gettext.NullTranslations()
    names = {}
    for subdivision in pycountry.subdivisions.get(country_code="PL"):
        name = catalogue.gettext(subdivision.name)
        names[subdivision.code] = name.removesuffix(GENERIC_WORD.get(language, ""))
    if language == "en":
        names.update(ENGLISH)
    names.update({iso: name for (lang, iso), name in OVERRIDES.items() if lang == language})
    return names


def voivodeship_name(code, language=None):
    """The name of voivodeship `code` in `language` (default: the active language)."""
    iso = ISO_3166_2.get(code)
    if not iso:
        return code
    return _iso_names(language or _language())[iso]


@cache
def _babel_locale(language):
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("pl")


def language_name(code, language=None):
    """The name of ISO 639-1 language `code` in `language` (default: the active one), capitalised."""
    name = _babel_locale(language or _language()).languages.get(code)
    if not name:
        return code
    return name[:1].upper() + name[1:]


voivodeship_label = lazy(voivodeship_name, str)
language_label = lazy(language_name, str)


def site_languages():
    """[(code, name)] of the site's languages, named in the reader's language ("Polish", "Польська").

    settings.LANGUAGES names each language in itself (the language switcher marks those names
    with their own `lang`); form choices use this instead, so a uk/en form shows no Polish.
    """
    from django.conf import settings

    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class SiteLanguageChoices:
    """Form mixin: the `language` field lists the site's languages named in the reader's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = site_languages()
