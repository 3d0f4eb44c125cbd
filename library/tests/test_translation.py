"""Resources are translated with wagtail-localize: text is translatable, classification and files synchronised."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from home.translation import ensure_translation
from library.demo_files import pdf_bytes
from library.factories import document
from library.models import ResourcePage

from .conftest import make_resource

pytestmark = pytest.mark.django_db


def test_wagtail_localize_translation_keeps_classification_and_files(client, library, home_pages,
                                                                     django_capture_on_commit_callbacks):
    ensure_translation(library, "uk", title="Бібліотека")
    page = make_resource(library, "Poradnik najmu", topics=["mieszkanie"], sectors=["housing"], languages=["pl"],
                         targets=["women"])
    page.attachments.create(document=document("a.pdf", pdf_bytes(["Kaucja"])))
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    segments = {s.string.data for s in source.stringsegment_set.select_related("string")}
    assert "Poradnik najmu" in segments
    assert not any("Kaucja" in s for s in segments)  # the file's text is not a string to translate
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        source.create_or_update_translation(Locale.objects.get(language_code="uk"), fallback=True)
    translation = page.get_translation(Locale.objects.get(language_code="uk")).specific
    assert isinstance(translation, ResourcePage)
    assert list(translation.sectors.values_list("code", flat=True)) == ["housing"]
    assert list(translation.topics.names()) == ["mieszkanie"]
    assert translation.attachments.get().document_id == page.attachments.get().document_id
    html = client.get(page.url).content.decode()
    assert f'href="{translation.url}" hreflang="uk"' in html
