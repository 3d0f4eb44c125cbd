"""The links to the legal documents next to a consent checkbox: each document in the reader's
language where a live translation exists (Wagtail's `Page.localized`), all in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import format_html_join

from accounts.consent import REQUIRED_PURPOSES, legal_links
from accounts.factories import LegalPageFactory
from accounts.models import LegalPage

pytestmark = pytest.mark.django_db


def wagtails_links(kinds):
    """The answer built with Page.localized, page by page (the reference)."""
    pages = LegalPage.objects.live().filter(kind__in=kinds, locale__language_code="pl").order_by("kind")
    links = [(page.localized.url, page.localized.title) for page in pages]
    return format_html_join(" · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', links) if links else ""


def translate(page, locale, title, publish=True):
    translated = page.copy_for_translation(locale)
    translated.title = title
    revision = translated.save_revision()
    if publish:
        revision.publish()
    return translated


def test_each_document_in_the_readers_language_where_a_live_translation_exists(home_pages, locales):
    terms = LegalPageFactory(parent=home_pages["pl"], slug="regulamin", title="Regulamin", kind="terms")
    privacy = LegalPageFactory(parent=home_pages["pl"], slug="prywatnosc", title="Polityka prywatności",
                               kind="privacy")
    LegalPageFactory(parent=home_pages["pl"], slug="stary", title="Stary regulamin", kind="terms", live=False)
    translate(privacy, locales["uk"], "Політика конфіденційності")
    translate(terms, locales["uk"], "Правила", publish=False)  # a draft: the Polish page stays
    translate(terms, locales["en"], "Terms")
    for language in ("pl", "uk", "en"):
        for kinds in (REQUIRED_PURPOSES, ("privacy",), ("terms",)):
            with translation.override(language):
                expected = wagtails_links(kinds)
                with CaptureQueriesContext(connection) as queries:
                    assert legal_links(kinds) == expected, (language, kinds)
                assert len(queries) == 1, (language, kinds)
    with translation.override("uk"):
        assert "Політика конфіденційності" in legal_links() and "Regulamin" in legal_links()


def test_no_document_no_links(home_page):
    assert legal_links() == ""
