"""wagtail-localize speaks Polish and Ukrainian: every string of its catalogue, and its translation editor's.

Its own pl/uk catalogues lack a few strings (machine translation, synced translation, aliases);
home/wagtail_strings.py and locale/uk/LC_MESSAGES/djangojs.po fill them. The lists of strings are
wagtail-localize's own English catalogues, so an upgrade that adds strings fails here until they
are translated.
"""

import json
import re
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY

CATALOGUES = Path(wagtail_localize.__file__).parent / "locale" / "en" / "LC_MESSAGES"
LETTERS = re.compile(r"[A-Za-z]{3,}")
SAME_WORD = {"pl": {"Status"}, "uk": set()}  # spelt alike in English and Polish
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def in_language(text, entry, language):
    """Whether `text` is `entry` in `language`: Ukrainian is written in Cyrillic (a missing Ukrainian
    string falls back to the site's default language, Polish), Polish differs from the English."""
    if not text:
        return False
    if language == "uk":
        return bool(CYRILLIC.search(text))
    return text != entry.msgid or entry.msgid in SAME_WORD[language]


def english_entries(domain):
    return [entry for entry in polib.pofile(str(CATALOGUES / f"{domain}.po"))
            if entry.msgid and not entry.obsolete and LETTERS.search(entry.msgid)]


def translate(entry):
    if entry.msgid_plural:
        if entry.msgctxt:
            return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
        return translation.ngettext(entry.msgid, entry.msgid_plural, 1)
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_every_string_of_wagtail_localize_is_translated(language):
    with translation.override(language):
        missing = [entry.msgid for entry in english_entries("django") if not in_language(translate(entry), entry, language)]
    assert not missing, f"wagtail-localize strings without {language}: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "uk"])
def test_the_translation_editor_gets_every_string_in_the_editors_language(client, user_factory, language):
    """The editor's JavaScript catalogue, as the Secretariat's browser loads it in the admin."""
    secretary = user_factory(email=f"sekretariat-{language}@example.org")
    secretary.groups.set([keyed(Group, SECRETARIAT_KEY)])
    profile = UserProfile.get_for_user(secretary)
    profile.preferred_language = language
    profile.save()
    client.force_login(secretary)
    response = client.get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S).group(1))
    missing = [entry.msgid for entry in english_entries("djangojs")
               if not in_language(catalog.get(entry.msgid), entry, language)]
    assert not missing, f"translation editor strings without {language}: {missing}"
