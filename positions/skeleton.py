"""The positions' part of the site skeleton (`manage.py setup_site`): the index in pl, uk, en, with its workflow."""

from home.translation import translated_child

from .models import PositionIndexPage
from .workflow import attach

POSITIONS = {
    "pl": {"title": "Stanowiska Forum",
           "introduction": "Wspólny głos organizacji Forum: stanowiska konsultowane z członkami i podpisywane "
                           "przez organizacje członkowskie."},
    "uk": {"title": "Позиції Форуму",
           "introduction": "Спільний голос організацій Форуму: позиції, погоджені з членами та підписані "
                           "організаціями-членами."},
    "en": {"title": "Forum positions",
           "introduction": "The common voice of the Forum's organisations: positions drafted in consultation with "
                           "members and co-signed by member organisations."},
}


def build(home, log=None):
    """The positions index under `home`, created with its translations if missing."""
    index = translated_child(home, PositionIndexPage, "stanowiska", POSITIONS, show_in_menus=True)
    attach(index)
    if log:
        log("positions index in pl, uk, en")
    return index
