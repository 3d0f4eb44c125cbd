"""The positions' demo content: three languages, one position in consultation with comments, one open
for signature with signatories; loading twice creates nothing new; every demo position renders."""

import pytest
from django.core.management import call_command

from positions.models import Comment, PositionPage, PositionVersion, Signature

pytestmark = pytest.mark.django_db


def test_demo_positions_load_idempotently_in_three_languages(client, home_pages):
    only = ["home", "directory", "groups", "positions"]
    call_command("load_demo_data", only=only, stdout=open("/dev/null", "w"))
    counts = (PositionPage.objects.count(), Comment.objects.count(), Signature.objects.count(),
              PositionVersion.objects.count())
    call_command("load_demo_data", only=only, stdout=open("/dev/null", "w"))
    assert (PositionPage.objects.count(), Comment.objects.count(), Signature.objects.count(),
            PositionVersion.objects.count()) == counts

    consultation = PositionPage.objects.get(slug="stanowisko-edukacja-dzieci-z-ukrainy", locale__language_code="pl")
    appeal = PositionPage.objects.get(slug="apel-ochrona-czasowa", locale__language_code="pl")
    assert consultation.status() == "consultation" and consultation.group is not None
    assert appeal.status() == "signing" and appeal.group is None
    assert Comment.objects.filter(position=consultation).count() == 3
    assert Comment.objects.filter(position=consultation).exclude(decision="pending").exists()
    assert Signature.objects.filter(position=appeal).count() >= 5
    assert PositionVersion.objects.filter(position=consultation).count() == 2  # the answered comment's change
    for page in (consultation, appeal):
        translations = PositionPage.objects.filter(translation_key=page.translation_key).live()
        assert sorted(translations.values_list("locale__language_code", flat=True)) == ["en", "pl", "uk"]
        for translation in translations:
            # The translations keep the paragraph ids, so comments and diffs follow every language.
            assert [pid for pid, _text in translation.paragraphs()] == [pid for pid, _text in page.paragraphs()]
            assert client.get(translation.url).status_code == 200
    uk = PositionPage.objects.get(translation_key=appeal.translation_key, locale__language_code="uk")
    html = client.get(uk.url).content.decode()
    assert "Звернення щодо продовження тимчасового захисту" in html
