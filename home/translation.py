"""Pages and their translations from code: creating them (demo data, imports), and pairing listed pages
with their translation in the reader's language."""

from django.conf import settings
from wagtail.models import Locale, Page


def get_or_create_child(parent, model, slug, **fields):
    """Return the child page of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, language_code, publish=True, **fields):
    """Return the translation of `page` in `language_code`, creating and publishing it if missing.

    Fields are applied only to a new translation, so repeated runs change nothing.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return translation


def ensure_draft_translation(page, language_code, **fields):
    """Like ensure_translation, but a new translation stays a draft."""
    return ensure_translation(page, language_code, publish=False, **fields)


def translated_child(parent, model, slug, texts, **fields):
    """The child page `slug` of `parent` and its translations, created if missing (idempotent).

    `texts` maps each language code to the fields that differ per language (title, introduction…),
    the parent's language first; `fields` are shared by every language.
    """
    page = get_or_create_child(parent, model, slug, **fields, **texts[parent.locale.language_code])
    for code, values in texts.items():
        if code != parent.locale.language_code:
            ensure_translation(page, code, **values)
    return page


def localise(pages, language_code, fields=()):
    """Pair each page with its live translation in `language_code` (the page itself when it has none), in ONE
    query for the whole list. The pages are of one type (e.g. the organisations of a list of leads); `fields`:
    load only these of the translations (all when empty)."""
    keys = [page.translation_key for page in pages]
    translations = {}
    if keys and language_code != settings.LANGUAGE_CODE:
        found = type(pages[0]).objects.live().filter(translation_key__in=keys, locale__language_code=language_code)
        translations = {page.translation_key: page for page in (found.only(*fields) if fields else found)}
    return [(page, translations.get(page.translation_key, page)) for page in pages]


def translation_paths(page):
    """Tree paths of `page`'s translations (itself included), in path order: a search within a page and its
    translations' subtrees looks only under them (search.engines.base.SearchRequest.within)."""
    return tuple(Page.objects.filter(translation_key=page.translation_key).order_by("path")
                 .values_list("path", flat=True))
