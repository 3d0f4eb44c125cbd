"""The library's part of the site skeleton (`manage.py setup_site`): its index page in pl, uk, en."""

from home.translation import translated_child

from .models import LibraryIndexPage

LIBRARY = {
    "pl": {"title": "Biblioteka wiedzy",
           "introduction": "Poradniki, raporty, dobre praktyki i materiały szkoleniowe organizacji Forum."},
    "uk": {"title": "Бібліотека знань",
           "introduction": "Посібники, звіти, добрі практики та навчальні матеріали організацій Форуму."},
    "en": {"title": "Knowledge library",
           "introduction": "Guides, reports, good practices and training materials of the Forum's organisations."},
}


def build(home, log=None):
    """The library index under `home`, created with its translations if missing."""
    library = translated_child(home, LibraryIndexPage, "biblioteka", LIBRARY, show_in_menus=True)
    if log:
        log("library index in pl, uk, en")
    return library
