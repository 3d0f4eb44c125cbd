"""Keeping an organisation's translations in step with its default-language page.

Only the name and the description are translated; every other field is synchronised
from the source page (wagtail-localize's `copy_synchronised_fields`, completed for
emptied many-to-many fields, which it leaves untouched).
"""

from wagtail.models import Locale
from wagtail_localize.fields import copy_synchronised_fields

from .models import OrganisationPage


def _copy_synchronised(source, target):
    copy_synchronised_fields(source, target)
    for name in OrganisationPage.SYNCHRONISED:
        field = OrganisationPage._meta.get_field(name)
        if field.many_to_many:
            getattr(target, name).set(list(getattr(source, name).all()))


def _save(page, user, publish):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user, skip_permission_checks=True)
    return revision


def set_descriptions(source, descriptions, user=None):
    """Create or update the translations of `source` in each language of `descriptions`.

    `descriptions` maps a language code to the description in that language; the
    default language's entry is ignored (it lives on `source`). Blank entries leave
    an existing translation as it is.
    """
    for code, text in descriptions.items():
        if code == source.locale.language_code or not text:
            continue
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        translation = source.get_translation_or_none(locale)
        if translation is None:
            translation = source.copy_for_translation(locale, copy_parents=True).specific
        else:
            translation = translation.specific.get_latest_revision_as_object()
        _copy_synchronised(source, translation)
        translation.description = text
        _save(translation, user, publish=source.live)


def sync_translations(source, user=None):
    """Copy the synchronised fields of `source` to each existing translation and publish them."""
    for translation in OrganisationPage.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    ):
        translation = translation.get_latest_revision_as_object()
        _copy_synchronised(source, translation)
        _save(translation, user, publish=source.live)


def descriptions_of(source):
    """{language code: latest description} of `source` and its translations."""
    result = {}
    for page in OrganisationPage.objects.filter(translation_key=source.translation_key).select_related("locale"):
        latest = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        result[page.locale.language_code] = latest.description
    return result
