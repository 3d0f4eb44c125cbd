"""The site skeleton that a production site needs without demo data (`manage.py setup_site`).

Each local app may contribute a `skeleton.py` with `build(home, log)`; they run in the order of
LOCAL_APPS. Every part is idempotent and never overwrites what editors changed: a page that
exists is left as it is, only missing pages and translations are created.
"""

from wagtail.models import Site

from .models import NewsIndexPage
from .translation import ensure_translation, translated_child

HOME = {
    "pl": {
        "title": "Forum Razem",
        "hero_title": "Forum „Razem” — organizacje społeczne dla Polski i Ukrainy",
        "hero_text": "Przestrzeń współpracy organizacji pozarządowych, inicjatyw oddolnych i organizacji "
        "międzynarodowych, które odpowiadają na potrzeby osób z doświadczeniem uchodźczym w Polsce.",
        "introduction": "Rejestrujemy organizacje, łączymy potrzebujących wsparcia z tymi, którzy je oferują, "
        "prowadzimy grupy robocze i bibliotekę wiedzy.",
    },
    "uk": {
        "title": "Форум Разом",
        "hero_title": "Форум «Разом» — громадські організації для Польщі та України",
        "hero_text": "Простір співпраці громадських організацій, низових ініціатив і міжнародних організацій, "
        "що відповідають на потреби людей з досвідом біженства в Польщі.",
        "introduction": "Ми реєструємо організації, поєднуємо тих, хто потребує підтримки, з тими, хто її "
        "пропонує, ведемо робочі групи та бібліотеку знань.",
    },
    "en": {
        "title": "Forum Razem",
        "hero_title": "Forum “Razem” — civil society for Poland and Ukraine",
        "hero_text": "A space where NGOs, grassroots initiatives and international organisations work together "
        "for people with refugee experience in Poland.",
        "introduction": "We register organisations, connect those who need support with those who offer it, "
        "and run working groups and a knowledge library.",
    },
}

NEWS_INDEX = {"pl": {"title": "Aktualności"}, "uk": {"title": "Новини"}, "en": {"title": "News"}}


def site_home():
    """The default site's home page in the default language."""
    return Site.objects.get(is_default_site=True).root_page.specific


def build(home, log):
    """The home page's texts (only while it is the untouched page of the first migration), its
    translations, and the news index."""
    if home.latest_revision_id is None:
        for name, value in HOME[home.locale.language_code].items():
            setattr(home, name, value)
        home.save_revision().publish()
    for code, fields in HOME.items():
        if code != home.locale.language_code:
            ensure_translation(home, code, **fields)
    news_index(home)
    log("home page and news index in pl, uk, en")


def news_index(home):
    """The news index under `home` (created with its translations if missing)."""
    return translated_child(home, NewsIndexPage, "aktualnosci", NEWS_INDEX, show_in_menus=True)
