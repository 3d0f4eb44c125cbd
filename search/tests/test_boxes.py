"""Every search box asks the same search service: the directory's keyword box and the needs and
offers listing find what the site search finds (inflection, no diacritics, other scripts, several
words) and list it by relevance, on both engines."""

import pytest
from django.urls import reverse

from directory.factories import SupportItemFactory
from directory.translation import set_descriptions
from search import indexing

pytestmark = pytest.mark.django_db


def test_directory_keyword_box(engine, organisation_factory, client):
    przemysl = organisation_factory(title="Inicjatywa Przemyśl Pomaga", description="Punkt pomocy przy dworcu.",
                                    sectors=["humanitarian-aid"])
    lawyers = organisation_factory(title="Stowarzyszenie Prawnicy", description="Porady prawne dla uchodźców.",
                                   sectors=["legal-aid"])
    school = organisation_factory(title="Szkoła Bez Granic", description="Zajęcia dla dzieci w szkołach.",
                                  sectors=["education"])
    set_descriptions(lawyers, {"uk": "Юридична допомога біженцям"})
    indexing.rebuild()
    url = przemysl.get_parent().url

    def listed(query, **params):
        response = client.get(url, {"q": query, **params})
        return [shown.title for _source, shown in response.context["entries"]], response.context["sort"]

    assert listed("Przemysl") == (["Inicjatywa Przemyśl Pomaga"], "relevance")
    assert listed("szkola")[0] == ["Szkoła Bez Granic"]
    assert listed("prawnik")[0] == ["Stowarzyszenie Prawnicy"]
    assert listed("юридична допомога")[0][0] == "Stowarzyszenie Prawnicy"
    # Several words: the item matching more of them first; the reader may still sort by name.
    assert listed("porady prawne w szkole")[0][0] == "Stowarzyszenie Prawnicy"
    assert listed("porady prawne w szkole", sort="name")[1] == "name"
    assert school.title in listed("dzieci szkoły")[0]


def test_needs_and_offers_box(engine, organisation_factory, client):
    organisation = organisation_factory(title="Fundacja Otwarte Drzwi")
    SupportItemFactory(organisation=organisation, title="Tłumacze na dworcu", description="Szukamy tłumaczy.")
    SupportItemFactory(organisation=organisation, title="Łóżka dla rodzin", description="Noclegi w Przemyślu.")
    indexing.rebuild()
    response = client.get(reverse("directory:items"), {"q": "tlumaczami"})
    assert [item.title for item, _shown in response.context["entries"]] == ["Tłumacze na dworcu"]
    response = client.get(reverse("directory:items"), {"q": "lozka Przemysl"})
    assert [item.title for item, _shown in response.context["entries"]] == ["Łóżka dla rodzin"]
