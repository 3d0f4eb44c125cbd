"""No Polish vocabulary label and one date format per language on every uk/en page (#23).

Every page type and HTML view of the permission matrix (its world, translated into uk and
en) is rendered in Ukrainian and English as a signed-in member. The visible text (no
tags, scripts, URLs or `datetime` attributes) must not hold a Polish voivodeship name, a
Polish language name ("ukraiński"), a Polish month ("grudnia") or Polish relative time
("dni temu"); every date in it must have the language's one CLDR format (home.dates), so a
numeric "12/06/2026" or "06.12.2026" fails. Content that users wrote (organisation
names, cities) may be Polish: only the labels that the site itself renders are checked.
"""

import datetime
import re
from unittest import mock

import pytest
from babel.dates import get_month_names
from bs4 import BeautifulSoup

from directory.factories import DirectoryIndexPageFactory
from home.dates import relative_day
from home.factories import UserFactory
from home.labels import ISO_3166_2, language_name, voivodeship_name
from home.models.taxonomy import LANGUAGE_CODES, VOIVODESHIPS
from home.translation import ensure_translation
from tests.permission_matrix import member_pages
from tests.permission_world import build_world

pytestmark = pytest.mark.django_db



def _distinctly_polish(name, code, label):
    """A Polish label, unless another language writes it the same way ("Hindi")."""
    return {name.lower()} - {label(code, "uk").lower(), label(code, "en").lower()}


POLISH_LABELS = sorted(
    set().union(*(_distinctly_polish(voivodeship_name(c, "pl"), c, voivodeship_name) for c in ISO_3166_2))
    | set().union(*(_distinctly_polish(language_name(c, "pl"), c, language_name) for c in LANGUAGE_CODES))
    | set(get_month_names("wide", "format", "pl").values())  # genitive: "6 grudnia"
    | {"dni temu", "dzień temu", "dzisiaj", "wczoraj"},
    key=len, reverse=True,
)
NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")


def long_date(language):
    """A regular expression of the one date format of `language` (CLDR long date)."""
    months = "|".join(re.escape(m) for m in get_month_names("wide", "format", language).values())
    return {
        "uk": rf"\b\d{{1,2}} (?:{months}) \d{{4}}\s?р\.",
        "en": rf"\b(?:{months}) \d{{1,2}}, \d{{4}}\b",
    }[language]


def visible_text(html, language):
    """The page's text in its own language: no scripts, and no element marked as another
    language (the language switcher names each language in itself: "Polski")."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    for other in soup.select("body [lang]"):
        if not other.decomposed and other["lang"].split("-")[0] != language:
            other.decompose()
    return " ".join(soup.get_text(" ").split())


def polish_labels(text):
    """The Polish vocabulary labels found as whole words in `text` (case-insensitive)."""
    found = []
    for label in POLISH_LABELS:
        match = re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text, re.IGNORECASE)
        if match:
            found.append(text[max(match.start() - 40, 0):match.end() + 20])
    return found


def date_problems(text, language):
    """Dates in `text` that are not in the language's one format."""
    problems = NUMERIC_DATE.findall(text)
    months = get_month_names("wide", "format", language).values()
    month_mentions = sum(len(re.findall(rf"(?<!\w){re.escape(m)}(?!\w)", text)) for m in months)
    well_formed = len(re.findall(long_date(language), text))
    if month_mentions > well_formed:
        problems.append(f"{month_mentions - well_formed} month name(s) outside the format {long_date(language)}")
    return problems


def translated_world():
    from wagtail.models import Page

    from faker.providers.lorem.pl_PL import Provider

    # Users' texts may be Polish and are not checked; but Faker's Polish words include labels
    # ("turecki", "wczoraj"), so the world's generated texts are written without them.
    neutral = tuple(word for word in Provider.word_list if not polish_labels(word))
    with mock.patch.object(Provider, "word_list", neutral):
        world = build_world()
    for page in Page.objects.live().descendant_of(world.home).specific().order_by("path"):
        for language in ("uk", "en"):
            ensure_translation(page, language)
    world.org.languages.set(world.org.languages.model.objects.filter(code__in=["ps", "zh", "uk"]))
    world.org.regions_served.set(world.org.regions_served.model.objects.filter(code__in=["lodzkie", "slaskie"]))
    return world


def paths(world):
    return member_pages(world)


def test_labels_come_from_maintained_data_and_keep_codes_and_order():
    from django.utils import translation

    assert [code for code, _label in VOIVODESHIPS] == [
        "dolnoslaskie", "kujawsko-pomorskie", "lubelskie", "lubuskie", "lodzkie", "malopolskie", "mazowieckie",
        "opolskie", "podkarpackie", "podlaskie", "pomorskie", "slaskie", "swietokrzyskie", "warminsko-mazurskie",
        "wielkopolskie", "zachodniopomorskie",
    ]
    labels = {}
    for language in ("pl", "uk", "en"):
        with translation.override(language):
            labels[language] = [str(label) for _code, label in VOIVODESHIPS]
    assert labels["pl"][6] == "mazowieckie" and labels["uk"][6] == "Мазовецьке" and labels["en"][6] == "Masovian"
    assert labels["uk"][14] == "Великопольське"  # the reviewed override of iso-codes' misspelling
    assert len(set(labels["pl"]) & (set(labels["uk"]) | set(labels["en"]))) == 0
    assert (language_name("ps", "pl"), language_name("ps", "uk"), language_name("zh", "en")) == (
        "Paszto", "Пушту", "Chinese")


def test_one_date_format_per_language_and_relative_days():
    from django.template import Context, Template
    from django.utils import formats, translation

    moment = datetime.datetime(2026, 12, 6, 15, 3, tzinfo=datetime.UTC)
    template = Template('{{ d }}|{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"SHORT_DATETIME_FORMAT" }}')
    expected = {"pl": "6 grudnia 2026", "uk": "6 грудня 2026\u202fр.", "en": "December 6, 2026"}
    today = datetime.date(2026, 12, 6)
    for language, date in expected.items():
        with translation.override(language):
            rendered = template.render(Context({"d": moment.date(), "t": moment})).split("|")
            assert rendered[:3] == [date] * 3
            assert rendered[3].startswith(date) and rendered[3].endswith(("16:03", "4:03\u202fPM"))
            assert formats.date_format(moment.date(), "DATE_FORMAT") == date
            days = [relative_day(today - datetime.timedelta(days=n), today) for n in (0, 1, 3, 22)]
    assert days == ["today", "yesterday", "3 days ago", "22 days ago"]
    with translation.override("pl"):
        assert relative_day(today, today) == "dzisiaj"
        assert relative_day(today - datetime.timedelta(days=5), today) == "5 dni temu"


def test_uk_and_en_pages_show_no_polish_label_and_one_date_format(client):
    world = translated_world()
    client.force_login(world.users["member"])
    checked, failures = 0, []
    for key, path in paths(world):
        for language in ("uk", "en"):
            localized = re.sub(r"^/pl/", f"/{language}/", path)
            response = client.get(localized)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            checked += 1
            text = visible_text(response.content.decode(), language)
            found = polish_labels(text)
            dates = date_problems(text, language)
            if found or dates:
                failures.append(f"{key} {localized}: Polish {found} dates {dates}")
    assert checked > 60, checked
    assert not failures, "\n".join(failures)


def test_registration_form_help_texts_follow_the_reader(client, home_page):
    """Wagtail writes the logo field's help text when the form class is defined (in Polish): it is
    written again for each form, in the reader's language."""
    DirectoryIndexPageFactory(parent=home_page)
    client.force_login(UserFactory())
    expected = {"en": "Maximum filesize", "uk": "Підтримувані формати", "pl": "Maksymalny rozmiar pliku"}
    for language, words in expected.items():
        text = visible_text(client.get(f"/{language}/organisations/register/").content.decode(), language)
        assert words in text, (language, text[:2000])
        assert language == "pl" or "Maksymalny" not in text
