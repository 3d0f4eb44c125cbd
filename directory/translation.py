"""Keeping translations (of organisations, and of needs and offers) in step with their originals.

The name, the seat city and the description of an organisation, and the title, description
and capacity of a need or offer, are translated; every other field is synchronised from the
source page (wagtail-localize's `copy_synchronised_fields`, completed for
emptied many-to-many fields, which it leaves untouched).
"""

from wagtail.models import Locale
from wagtail_localize.fields import copy_synchronised_fields

from .models import OrganisationPage, SupportItem


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


# Short texts a translation may leave to the original: blank in a form means "the original's".
FOLLOWING = ("title", "city")


def set_descriptions(source, descriptions, user=None, names=None, cities=None):
    """Create or update the translations of `source` in each language of `descriptions` (and `names`, `cities`).

    `descriptions` maps a language code to the description in that language; the
    default language's entry is ignored (it lives on `source`). Blank entries leave
    an existing translation's description as it is. `names` and `cities`, when given,
    map a language code to the organisation's name / seat city in that language; a blank
    one means the original's.
    """
    given = {"title": names, "city": cities}
    codes = list(dict.fromkeys([*descriptions, *(names or {}), *(cities or {})]))
    for code in codes:
        text = descriptions.get(code, "")
        short = {field: values.get(code, "") for field, values in given.items() if values is not None}
        if code == source.locale.language_code:
            continue
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        translation = source.get_translation_or_none(locale)
        if translation is None and not (text or any(short.values())):
            continue
        if translation is None:
            translation = source.copy_for_translation(locale, copy_parents=True).specific
        elif not text and not short:
            continue
        else:
            translation = translation.specific.get_latest_revision_as_object()
        _copy_synchronised(source, translation)
        if text:
            translation.description = text
        for field, value in short.items():
            setattr(translation, field, value or getattr(source, field))
        translation.draft_title = translation.title
        _save(translation, user, publish=source.live)


def following_values(source):
    """{field: value} of the texts that translations follow unless they have their own (see sync_translations)."""
    return {field: getattr(source, field) for field in FOLLOWING}


def own_texts_of(source, field):
    """{language code: value} of `field` in the translations of `source` where it differs from the original."""
    return {
        code: value
        for code, value in OrganisationPage.objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk).values_list("locale__language_code", field)
        if value != getattr(source, field)
    }


def names_of(source):
    """{language code: name} of the translations of `source` whose name differs from the original."""
    return own_texts_of(source, "title")


def cities_of(source):
    """{language code: seat city} of the translations of `source` whose city differs from the original."""
    return own_texts_of(source, "city")


def sync_translations(source, user=None, previous=None):
    """Copy the synchronised fields of `source` to each existing translation and publish them.

    `previous` ({field: value} from `following_values` before the change) lets the translations
    that showed the original name or city follow a new one; their own texts stay.
    """
    for translation in OrganisationPage.objects.filter(translation_key=source.translation_key).exclude(
        pk=source.pk
    ):
        translation = translation.get_latest_revision_as_object()
        _copy_synchronised(source, translation)
        for field, old in (previous or {}).items():
            if getattr(translation, field) == old:
                setattr(translation, field, getattr(source, field))
        translation.draft_title = translation.title
        _save(translation, user, publish=source.live)


def descriptions_of(source):
    """{language code: latest description} of `source` and its translations."""
    result = {}
    for page in OrganisationPage.objects.filter(translation_key=source.translation_key).select_related("locale"):
        latest = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
        result[page.locale.language_code] = latest.description
    return result


ITEM_SYNCHRONISED = ("kind", "organisation", "support_type", "nationwide", "amount", "valid_until", "status",
                     "created_by", "created_at")
ITEM_RELATIONS = ("sectors", "regions", "target_groups", "languages")


def item_translations_of(item):
    """{language code: (title, description, capacity)} of the translations of a need or offer.

    The capacity is given only where it differs from the original's (a blank one follows it).
    """
    return {
        translation.locale.language_code: (
            translation.title, translation.description,
            translation.capacity if translation.capacity != item.capacity else "",
        )
        for translation in SupportItem.objects.filter(translation_key=item.translation_key)
        .exclude(pk=item.pk).select_related("locale")
    }


def set_item_translations(item, texts):
    """Create, update or remove the translations of a need or offer posted on the public site.

    `texts` maps a language code to (title, description, capacity); a blank title removes the
    translation in that language (readers then see the original), a blank capacity shows the
    original's. Every other field follows the original.
    """
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=list(texts))}
    existing = {t.locale_id: t for t in SupportItem.objects.filter(translation_key=item.translation_key)
                .exclude(pk=item.pk)}
    for code, (title, description, capacity) in texts.items():
        locale = locales.get(code)
        if locale is None or locale.pk == item.locale_id:
            continue
        translation = existing.get(locale.pk)
        if not title:
            if translation is not None:
                translation.delete()
            continue
        if translation is None:
            translation = SupportItem(translation_key=item.translation_key, locale=locale)
        for name in ITEM_SYNCHRONISED:
            attname = SupportItem._meta.get_field(name).attname
            setattr(translation, attname, getattr(item, attname))
        translation.title, translation.description = title, description
        translation.capacity = capacity or item.capacity
        for name in ITEM_RELATIONS:
            getattr(translation, name).set(list(getattr(item, name).all()))
        translation.save()
