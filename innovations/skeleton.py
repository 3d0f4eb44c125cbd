"""The catalogue's part of the site skeleton (`manage.py setup_site`): its index page in pl, uk, en."""

from home.translation import translated_child

from .models import InnovationIndexPage

CATALOGUE = {
    "pl": {"title": "Innowacje gotowe do skalowania",
           "introduction": "Rozwiązania organizacji Forum, które działają: problem, rozwiązanie, wyniki i to, "
                           "czego potrzeba, żeby je powtórzyć u siebie."},
    "uk": {"title": "Інновації, готові до масштабування",
           "introduction": "Рішення організацій Форуму, які працюють: проблема, рішення, результати і те, "
                           "що потрібно, щоб повторити їх у себе."},
    "en": {"title": "Innovations ready to scale",
           "introduction": "Solutions of the Forum's organisations that work: the problem, the solution, the "
                           "results and what it takes to replicate them."},
}


def build(home, log=None):
    """The catalogue under `home`, created with its translations if missing."""
    catalogue = translated_child(home, InnovationIndexPage, "innowacje", CATALOGUE, show_in_menus=True)
    if log:
        log("innovations catalogue in pl, uk, en")
    return catalogue
