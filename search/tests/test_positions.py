"""Joint positions in search: kind "position", one result per position in the reader's language."""

import pytest

from home.translation import ensure_translation
from positions.factories import PositionIndexPageFactory, PositionPageFactory, in_consultation
from search import indexing
from search.engines import SearchRequest, search

pytestmark = pytest.mark.django_db


def test_a_position_and_its_translations_are_one_result_in_the_readers_language(engine, home_pages):
    index = PositionIndexPageFactory(parent=home_pages["pl"])
    for code in ("uk", "en"):
        ensure_translation(index, code, title=f"Positions {code}")
    position = in_consultation(PositionPageFactory(
        parent=index, slug="asystenci", title="Stanowisko w sprawie asystentów międzykulturowych",
        text=[("paragraph", "Postulujemy stałe finansowanie asystentów międzykulturowych w szkołach.")]))
    ensure_translation(position, "uk", title="Позиція щодо міжкультурних асистентів")
    ensure_translation(position, "en", title="Position on intercultural assistants")
    indexing.rebuild()

    for reader, title in (("pl", "Stanowisko w sprawie asystentów międzykulturowych"),
                          ("uk", "Позиція щодо міжкультурних асистентів"),
                          ("en", "Position on intercultural assistants")):
        results = search(SearchRequest(text="asystentów", filters={"kind": ["position"]}, language=reader,
                                       audience={"public"}))
        assert not results.notice
        assert [hit.title for hit in results.hits] == [title]
        assert results.hits[0].kind == "position"
