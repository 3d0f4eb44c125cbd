"""Mailings become TranslatableMixin snippets (step 2 of 3): each mailing's Polish version becomes
the source (default locale, new translation key); its Ukrainian and English versions become
translations (rows of the same key), with the source's audience, status and sending record."""

import uuid

from django.conf import settings
from django.db import migrations

COPIED = ["title", "audience", "legal_basis", "to_profile_contacts", "to_managers", "to_members", "status",
          "created_at", "sent_at", "sent_by_id"]


def forwards(apps, schema_editor):
    Mailing = apps.get_model("digests", "Mailing")
    Locale = apps.get_model("wagtailcore", "Locale")
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.LANGUAGES}
    default = locales[settings.LANGUAGE_CODE]
    for mailing in Mailing.objects.filter(translation_key__isnull=True):
        mailing.translation_key = uuid.uuid4()
        mailing.locale = default
        mailing.subject, mailing.body = mailing.subject_pl, mailing.body_pl
        mailing.save()
        for code, locale in locales.items():
            subject, body = getattr(mailing, f"subject_{code}", ""), getattr(mailing, f"body_{code}", "")
            if locale != default and subject:
                Mailing.objects.create(translation_key=mailing.translation_key, locale=locale, subject=subject,
                                       body=body, **{name: getattr(mailing, name) for name in COPIED})


def backwards(apps, schema_editor):
    Mailing = apps.get_model("digests", "Mailing")
    for mailing in Mailing.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
        mailing.subject_pl, mailing.body_pl = mailing.subject, mailing.body
        for translation in Mailing.objects.filter(translation_key=mailing.translation_key).exclude(pk=mailing.pk):
            code = translation.locale.language_code
            setattr(mailing, f"subject_{code}", translation.subject)
            setattr(mailing, f"body_{code}", translation.body)
            translation.delete()
        mailing.save()


class Migration(migrations.Migration):
    dependencies = [("digests", "0005_mailing_translatable_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
