"""The shared vocabulary holds DOMAIN.md's codes, labelled in the reader's language."""

import pytest
from django.utils import translation

from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

pytestmark = pytest.mark.django_db


def test_vocabularies_hold_the_domain_codes():
    assert Voivodeship.objects.count() == 16
    assert Sector.objects.count() == 16
    assert TargetGroup.objects.count() == 10
    assert list(SupportType.objects.values_list("code", flat=True)) == [
        "financial", "skills", "management", "knowledge", "in-kind", "volunteers"
    ]
    assert Language.objects.filter(code__in=["pl", "uk", "en"]).count() == 3


@pytest.mark.parametrize(
    "language, label, voivodeship, language_label",
    [("pl", "Pomoc prawna", "łódzkie", "Paszto"), ("uk", "Юридична допомога", "Лодзьке", "Пушту"),
     ("en", "Legal aid", "Łódź", "Pashto")],
)
def test_labels_follow_the_active_language(language, label, voivodeship, language_label):
    with translation.override(language):
        assert Sector.objects.get(code="legal-aid").label == label
        assert Voivodeship.objects.get(code="lodzkie").label == voivodeship
        assert Language.objects.get(code="ps").label == language_label
