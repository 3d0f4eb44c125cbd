"""Mailings become TranslatableMixin snippets (step 3 of 3): locale and key required, one per (key, locale); the per-language columns go."""

import django.db.models.deletion
import uuid
import wagtail.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('digests', '0006_mailing_versions_to_translations'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterUniqueTogether(
            name='mailing',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterField(
            model_name='mailing',
            name='body',
            field=wagtail.fields.RichTextField(verbose_name='message'),
        ),
        migrations.AlterField(
            model_name='mailing',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='mailing',
            name='subject',
            field=models.CharField(max_length=200, verbose_name='subject'),
        ),
        migrations.AlterField(
            model_name='mailing',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='body_en',
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='body_pl',
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='body_uk',
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='subject_en',
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='subject_pl',
        ),
        migrations.RemoveField(
            model_name='mailing',
            name='subject_uk',
        ),
    ]
