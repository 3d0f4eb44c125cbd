"""Members translate their needs and offers, and their organisation's name, from the public site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.factories import MembershipFactory
from directory.models import OrganisationPage, SupportItem

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert(1)</script>\u202eevil"


def _item_data(**overrides):
    data = {"kind": "need", "support_type": "financial", "title": "Czynsz dla rodzin", "description": "Opis po polsku",
            "regions": ["lubelskie"], "sectors": ["housing"],
            "valid_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "title_uk": "Оренда для сімей", "description_uk": "Опис українською", "title_en": "Rent for families"}
    data.update(overrides)
    return data


def test_member_posts_and_edits_translations(client, home_pages, organisation_factory, user_factory):
    org = organisation_factory(title="Fundacja Dom")
    client.force_login(MembershipFactory(organisation=org).user)
    response = client.post(reverse("directory:item_new", args=[org.pk]), _item_data())
    assert response.status_code == 302, response.context["form"].errors
    item = SupportItem.objects.get(title="Czynsz dla rodzin")
    uk = SupportItem.objects.get(translation_key=item.translation_key, locale__language_code="uk")
    assert (uk.title, uk.description, uk.kind, uk.status) == ("Оренда для сімей", "Опис українською", "need", "open")
    assert list(uk.sectors.values_list("code", flat=True)) == ["housing"] and uk.sectors_mask == item.sectors_mask

    # Readers see the text of their language, in the listing and on the item's page; the others the original.
    assert "Оренда для сімей" in client.get("/uk/needs-offers/").content.decode()
    assert "Rent for families" in client.get(f"/en/needs-offers/{item.pk}/").content.decode()
    assert "Czynsz dla rodzin" in client.get("/pl/needs-offers/").content.decode()
    # Translations are not counted twice.
    assert client.get("/pl/needs-offers/").context["items"].paginator.count == 1

    # The form shows the translations; emptying a title removes that translation, other fields follow.
    edit = reverse("directory:item_edit", args=[org.pk, item.pk])
    form = client.get(edit).context["form"]
    assert form["title_uk"].value() == "Оренда для сімей" and form["title_en"].value() == "Rent for families"
    response = client.post(edit, _item_data(title_en="", sectors=["housing", "culture"], title_uk=HOSTILE))
    assert response.status_code == 302
    assert not SupportItem.objects.filter(translation_key=item.translation_key, locale__language_code="en").exists()
    uk.refresh_from_db()
    assert sorted(uk.sectors.values_list("code", flat=True)) == ["culture", "housing"]
    html = client.get(f"/uk/needs-offers/{item.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "\u202e" not in html and "&lt;script&gt;" in html


def test_translation_needs_a_title_and_outsiders_cannot_translate(client, home_pages, organisation_factory,
                                                                  user_factory):
    org = organisation_factory(title="Fundacja Dom")
    client.force_login(MembershipFactory(organisation=org).user)
    response = client.post(reverse("directory:item_new", args=[org.pk]), _item_data(title_uk=""))
    assert response.status_code == 200 and "title_uk" in response.context["form"].errors
    assert not SupportItem.objects.exists()
    client.post(reverse("directory:item_new", args=[org.pk]), _item_data())
    item = SupportItem.objects.get(locale__language_code="pl")
    client.force_login(user_factory())
    edit = reverse("directory:item_edit", args=[org.pk, item.pk])
    assert client.post(edit, _item_data(title_uk="Чужий текст")).status_code == 403
    assert SupportItem.objects.get(translation_key=item.translation_key, locale__language_code="uk").title == \
        "Оренда для сімей"


def test_member_translates_the_organisation_name(client, home_pages, directory, organisation_factory):
    from directory.tests.test_registration import form_data
    from home.translation import ensure_translation

    for code in ("uk", "en"):
        ensure_translation(directory, code)
    org = organisation_factory(title="Fundacja Dom", nip="5260250274", krs="")
    client.force_login(MembershipFactory(organisation=org).user)
    edit = reverse("directory:edit", args=[org.pk])
    data = form_data(title="Fundacja Dom", krs="", name_uk="Фундація Дім", name_en="", description_en="We help.")
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    names = dict(OrganisationPage.objects.filter(translation_key=org.translation_key)
                 .values_list("locale__language_code", "title"))
    assert names == {"pl": "Fundacja Dom", "uk": "Фундація Дім", "en": "Fundacja Dom"}
    assert "Фундація Дім" in client.get("/uk/katalog/").content.decode()
    assert client.get(edit).context["form"]["name_uk"].value() == "Фундація Дім"
    # Renaming the organisation carries over to the languages without their own name.
    client.post(edit, {**data, "title": "Fundacja Nowy Dom"})
    names = dict(OrganisationPage.objects.filter(translation_key=org.translation_key)
                 .values_list("locale__language_code", "title"))
    assert names == {"pl": "Fundacja Nowy Dom", "uk": "Фундація Дім", "en": "Fundacja Nowy Dom"}
