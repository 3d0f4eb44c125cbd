"""Mailings become TranslatableMixin snippets (step 1 of 3): the locale, the translation key and
one subject/body pair, nullable while the existing mailings are moved over."""

import django.db.models.deletion
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("digests", "0004_contact_audiences"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailing", name="translation_key", field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="mailing", name="locale",
            field=models.ForeignKey(null=True, editable=False, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AddField(
            model_name="mailing", name="subject", field=models.CharField(default="", max_length=200, verbose_name="subject"),
        ),
        migrations.AddField(
            model_name="mailing", name="body",
            field=wagtail.fields.RichTextField(default="", verbose_name="message"),
        ),
    ]
