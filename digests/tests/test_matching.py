"""Preference matching on a known dataset (no database: sources hand over plain items)."""

import datetime

import pytest
from django.utils import timezone

from digests.emails import MAX_PER_SECTION, digest_sections
from digests.matching import Preferences, normalize_saved_search, select_items
from digests.sources import ANONYMOUS, Audience, DigestItem, ItemText, Reader

T0 = timezone.make_aware(datetime.datetime(2026, 11, 18, 12, 0))


def item(key, kind, sectors=(), regions=(), audience=Audience(), groups=(), title=None, languages=("pl",)):
    texts = {code: ItemText(title or f"{key} {code}", f"https://x/{code}/{key}/", f"summary {key}") for code in languages}
    return DigestItem(key=key, kind=kind, published_at=T0, texts=texts, sectors=frozenset(sectors),
                      voivodeships=frozenset(regions), audience=audience, working_groups=frozenset(groups))


DATASET = [
    item("news-general", "news"),
    item("lib-housing-lubelskie", "library", ["housing"], ["lubelskie"]),
    item("lib-legal-nationwide", "library", ["legal-aid"], ["all"]),
    item("lib-education-slaskie", "library", ["education"], ["slaskie"]),
    item("org-housing-mazowieckie", "organisations", ["housing"], ["mazowieckie"]),
    item("meeting-members", "meetings", audience=Audience(login=True)),
    item("meeting-group-7", "meetings", audience=Audience(working_groups=frozenset({7}))),
    item("secret-page", "news", audience=Audience(nobody=True)),
    item("group-news-7", "group-news", groups=[7]),
    item("group-news-8", "group-news", groups=[8]),
    item("lib-mieszkania", "library", ["education"], ["slaskie"], title="Mieszkania dla rodzin w Łodzi"),
]
MEMBER = Reader(user_id=1, working_groups=frozenset({7}))
SUPERUSER = Reader(user_id=2, is_superuser=True)


def keys(preferences, reader=ANONYMOUS):
    return {entry.key for entry in select_items(DATASET, preferences, reader)}


def prefs(kinds=("news", "library", "organisations", "meetings", "group-news"), sectors=(), regions=(), search=""):
    return Preferences(frozenset(kinds), frozenset(sectors), frozenset(regions), search)


def test_everything_public_for_an_anonymous_subscriber():
    assert keys(prefs()) == {
        "news-general", "lib-housing-lubelskie", "lib-legal-nationwide", "lib-education-slaskie",
        "org-housing-mazowieckie", "lib-mieszkania",
    }


def test_kinds_sectors_and_regions():
    chosen = keys(prefs(kinds=["library", "news"], sectors=["housing", "legal-aid"], regions=["lubelskie"]))
    # general news passes (no sector), housing in lubelskie passes, nationwide legal aid passes.
    assert chosen == {"news-general", "lib-housing-lubelskie", "lib-legal-nationwide"}


def test_members_only_and_working_groups():
    member = keys(prefs(), MEMBER)
    assert {"meeting-members", "meeting-group-7", "group-news-7"} <= member
    assert "group-news-8" not in member and "secret-page" not in member
    assert "meeting-group-7" not in keys(prefs(), Reader(user_id=3))
    superuser = keys(prefs(), SUPERUSER)
    assert "meeting-group-7" in superuser and "secret-page" not in superuser


def test_saved_search_is_a_topic_of_its_own():
    chosen = keys(prefs(kinds=["news"], sectors=["housing"], search=normalize_saved_search("mieszkania lodz")))
    # "Łodzi" folds to "lodzi": found despite missing diacritics and the other kind, sector and region.
    assert chosen == {"news-general", "lib-mieszkania"}


@pytest.mark.parametrize(
    "raw, stored",
    [
        ("https://forum-razem.pl/pl/search/?q=pomoc+prawna&sector=legal-aid", "q=pomoc+prawna&sector=legal-aid"),
        ("/uk/search/?q=житло", "q=%D0%B6%D0%B8%D1%82%D0%BB%D0%BE"),
        ("mieszkania Lublin", "q=mieszkania+Lublin"),
        ("q=", ""),
        ("", ""),
        ("https://forum-razem.pl/pl/search/", ""),
    ],
)
def test_saved_search_normalisation(raw, stored):
    assert normalize_saved_search(raw) == stored


def test_missing_translation_falls_back_to_original():
    only_polish = item("x", "news", languages=("pl",))
    text, shown = only_polish.text_for("uk")
    assert shown == "pl" and text.title == "x pl"
    both = item("y", "news", languages=("pl", "uk"))
    assert both.text_for("uk")[1] == "uk"


def test_combined_group_restrictions_are_conservative():
    combined = Audience(auth_groups=frozenset({1, 2})).restricted_by(Audience(auth_groups=frozenset({2, 3})))
    assert combined.auth_groups == {2}
    disjoint = Audience(auth_groups=frozenset({1})).restricted_by(Audience(auth_groups=frozenset({3})))
    assert disjoint.nobody


def test_long_sections_are_capped_newest_first():
    many = [item(f"n{index:02d}", "news") for index in range(MAX_PER_SECTION + 5)]
    [section] = digest_sections(many, "pl")
    assert len(section["entries"]) == MAX_PER_SECTION and section["more"] == 5
    assert section["entries"][0]["title"] == f"n{MAX_PER_SECTION + 4:02d} pl"
