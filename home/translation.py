"""Helpers to create pages and their translations from code (demo data, imports)."""

from wagtail.models import Locale


def get_or_create_child(parent, model, slug, **fields):
    """Return the child page of `parent` with `slug`, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, language_code, **fields):
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
    translation.save_revision().publish()
    return translation
