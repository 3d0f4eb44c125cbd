"""home.translation.localise: listed pages paired with their live translation in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from home.translation import ensure_draft_translation, ensure_translation, localise

pytestmark = pytest.mark.django_db


def test_each_page_gets_its_live_translation_else_itself_in_one_query(home_pages):
    home = home_pages["pl"]
    pages = [StandardPage(title=title, slug=title.lower()) for title in ("Pierwsza", "Druga", "Trzecia")]
    for page in pages:
        home.add_child(instance=page)
    first = ensure_translation(pages[0], "en", title="First")
    ensure_draft_translation(pages[1], "en", title="Second (draft)")
    with CaptureQueriesContext(connection) as queries:
        pairs = localise(pages, "en")
    assert len(queries) == 1
    assert pairs == [(pages[0], first), (pages[1], pages[1]), (pages[2], pages[2])]
    assert pairs[0][1].title == "First"


def test_the_default_language_and_an_empty_list_cost_no_query(home_pages, django_assert_num_queries):
    page = StandardPage(title="Strona", slug="strona")
    home_pages["pl"].add_child(instance=page)
    with django_assert_num_queries(0):
        assert localise([page], "pl") == [(page, page)]
        assert localise([], "en") == []
