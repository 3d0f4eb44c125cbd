"""manage.py setup_site: the skeleton of a production site, without demo data, idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from directory.importing import import_organisations
from directory.tests.realistic import realistic_csv, realistic_rows

pytestmark = pytest.mark.django_db

SKELETON = {"aktualnosci": "newsindexpage", "katalog": "directoryindexpage", "biblioteka": "libraryindexpage",
            "grupy-robocze": "groupindexpage", "spotkania": "meetingindexpage", "regulamin": "legalpage",
            "polityka-prywatnosci": "legalpage"}


def test_setup_site_then_import_on_an_empty_database(client, home_page):
    call_command("setup_site", stdout=io.StringIO())
    pages = Page.objects.count()
    call_command("setup_site", stdout=io.StringIO())
    assert Page.objects.count() == pages  # idempotent

    home_page.refresh_from_db()  # numchild: treebeard answers no children for a stale leaf
    for code in ("pl", "uk", "en"):
        home = home_page if code == "pl" else home_page.get_translation(Locale.objects.get(language_code=code))
        children = {page.slug: page for page in home.get_children().select_related("content_type")}
        assert {slug: children[slug].content_type.model for slug in SKELETON if slug in children} == SKELETON, code
        legal = {slug for slug, page in children.items() if SKELETON.get(slug) == "legalpage"}
        assert all(not children[slug].live for slug in legal)  # drafts: nobody is asked to accept a placeholder
        for slug in SKELETON.keys() - legal:
            assert client.get(children[slug].url).status_code == 200, children[slug].url
    assert client.get("/uk/").status_code == 200

    result = import_organisations(realistic_csv(realistic_rows(5)), publish=True)
    assert (result.created, result.rejected) == (5, 0), result.errors
