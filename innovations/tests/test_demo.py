"""The demo: five innovations at different stages in three languages, one with an interest and its need."""

import pytest
from django.core.management import call_command

from innovations.models import InnovationPage, ReplicationInterest, ScalingRecommendation

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_is_complete_and_idempotent(home_page, locales):
    for _run in range(2):
        call_command("load_demo_data", only=["directory", "library", "innovations"], stdout=open("/dev/null", "w"))
    originals = InnovationPage.objects.filter(locale__language_code="pl", live=True)
    assert originals.count() == 5
    assert {page.stage for page in originals} == {"idea", "pilot", "proven", "scaling"}
    for page in originals:
        languages = set(InnovationPage.objects.filter(translation_key=page.translation_key, live=True)
                        .values_list("locale__language_code", flat=True))
        assert languages == {"pl", "uk", "en"}, page.title
        assert page.organisation is not None and page.sectors_mask
    interest = ReplicationInterest.objects.get()
    assert interest.answer and interest.need is not None and interest.need.kind == "need"
    assert interest.need.organisation == interest.organisation
    assert ScalingRecommendation.objects.count() == 1
