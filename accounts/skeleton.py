"""The legal documents of the site skeleton (`manage.py setup_site`): terms of use and privacy
policy in pl, uk, en, as drafts.

They stay drafts: a live legal page asks every signed-in person to accept it, so the
Secretariat writes the real text and publishes it (publishing the Polish page sets the version).
"""

from home.translation import ensure_draft_translation

from .models import LegalPage

PLACEHOLDER = {
    "pl": "Tekst do uzupełnienia przez Sekretariat przed publikacją.",
    "uk": "Текст заповнює Секретаріат перед публікацією.",
    "en": "Text to be written by the Secretariat before publication.",
}

DOCUMENTS = [
    ("regulamin", LegalPage.Kind.TERMS,
     {"pl": "Regulamin", "uk": "Умови користування", "en": "Terms of use"}),
    ("polityka-prywatnosci", LegalPage.Kind.PRIVACY,
     {"pl": "Polityka prywatności", "uk": "Політика конфіденційності", "en": "Privacy policy"}),
]


def build(home, log):
    """Draft legal pages under `home` with their translations, where missing."""
    for slug, kind, titles in DOCUMENTS:
        page = home.get_children().filter(slug=slug).first()
        if page is None:
            page = LegalPage(slug=slug, kind=kind, version="1", live=False, locale_id=home.locale_id,
                             title=titles[home.locale.language_code],
                             introduction=PLACEHOLDER[home.locale.language_code])
            home.add_child(instance=page)
            page.save_revision()
        for code, title in titles.items():
            if code != home.locale.language_code:
                ensure_draft_translation(page.specific, code, title=title, introduction=PLACEHOLDER[code])
    log("terms of use and privacy policy in pl, uk, en (drafts for the Secretariat to write and publish)")
