"""Members translate their needs and offers, and their organisation's name, from the public site."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.factories import MembershipFactory, SupportItemFactory
from directory.importing import import_organisations
from directory.models import OrganisationPage, SupportItem
from directory.tests.test_registration import form_data
from directory.translation import set_descriptions
from home.translation import ensure_translation
from search import indexing

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
    assert client.get("/pl/needs-offers/").context["listing"].items.paginator.count == 1

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


def test_member_translates_the_capacity(client, home_pages, organisation_factory, user_factory):
    org = organisation_factory(title="Fundacja Dom")
    client.force_login(MembershipFactory(organisation=org).user)
    data = _item_data(kind="offer", support_type="volunteers", capacity="10 wolontariuszy",
                      capacity_uk="10 волонтерів", title_en="Volunteers", capacity_en="")
    response = client.post(reverse("directory:item_new", args=[org.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    item = SupportItem.objects.get(locale__language_code="pl")
    # Each reader sees the capacity of their language; a translation without its own shows the original.
    assert "10 волонтерів" in client.get(f"/uk/needs-offers/{item.pk}/").content.decode()
    assert "10 wolontariuszy" in client.get(f"/en/needs-offers/{item.pk}/").content.decode()
    assert "10 wolontariuszy" in client.get(f"/pl/needs-offers/{item.pk}/").content.decode()

    edit = reverse("directory:item_edit", args=[org.pk, item.pk])
    form = client.get(edit).context["form"]
    assert form["capacity_uk"].value() == "10 волонтерів" and form["capacity_en"].value() == ""
    # A new original capacity carries over to the languages without their own; hostile text is shown inert.
    response = client.post(edit, {**data, "capacity": "12 wolontariuszy", "capacity_uk": HOSTILE})
    assert response.status_code == 302
    assert "12 wolontariuszy" in client.get(f"/en/needs-offers/{item.pk}/").content.decode()
    html = client.get(f"/uk/needs-offers/{item.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "\u202e" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;evil" in html


def test_capacity_translation_needs_a_title_and_a_member(client, home_pages, organisation_factory, user_factory):
    org = organisation_factory(title="Fundacja Dom")
    client.force_login(MembershipFactory(organisation=org).user)
    new = reverse("directory:item_new", args=[org.pk])
    response = client.post(new, _item_data(title_en="", capacity_en="40 hours", capacity_uk="x" * 201))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title_en" in errors and "capacity_uk" in errors
    assert not SupportItem.objects.exists()
    client.post(new, _item_data(capacity="40 godzin", capacity_uk="40 годин"))
    item = SupportItem.objects.get(locale__language_code="pl")
    client.force_login(user_factory())
    edit = reverse("directory:item_edit", args=[org.pk, item.pk])
    assert client.post(edit, _item_data(capacity="40 godzin", capacity_uk="Чужий текст")).status_code == 403
    assert SupportItem.objects.get(translation_key=item.translation_key, locale__language_code="uk").capacity == \
        "40 годин"


@pytest.fixture
def translated_directory(directory):
    for code in ("uk", "en"):
        ensure_translation(directory, code)
    return directory


def _cities(org):
    return dict(OrganisationPage.objects.filter(translation_key=org.translation_key)
                .values_list("locale__language_code", "city"))


def test_member_translates_the_seat_city(client, home_pages, translated_directory, organisation_factory,
                                         user_factory):
    org = organisation_factory(title="Fundacja Dom", nip="5260250274", krs="", city="Lublin")
    client.force_login(MembershipFactory(organisation=org).user)
    edit = reverse("directory:edit", args=[org.pk])
    data = form_data(title="Fundacja Dom", krs="", city="Lublin", name_uk="Фундація Дім", city_uk="Люблін",
                     city_en="", description_en="We help.")
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert _cities(org) == {"pl": "Lublin", "uk": "Люблін", "en": "Lublin"}
    # Shown in the reader's language on the profile, in the directory and in the open data API.
    uk = OrganisationPage.objects.get(translation_key=org.translation_key, locale__language_code="uk")
    assert "Люблін" in client.get(uk.url).content.decode()
    assert "Люблін" in client.get("/uk/katalog/").content.decode()
    assert "Lublin" in client.get("/en/katalog/").content.decode()
    api = client.get(f"/api/v1/organisations/{org.pk}?lang=uk").json()
    assert (api["name"], api["city"]) == ("Фундація Дім", "Люблін")
    assert client.get(f"/api/v1/organisations/{org.pk}").json()["city"] == "Lublin"
    # The Ukrainian spelling is found by the directory's keyword box (the search service).

    indexing.rebuild()
    assert "Fundacja Dom" in client.get("/pl/katalog/?q=люблін").content.decode()
    assert client.get(edit).context["form"]["city_uk"].value() == "Люблін"

    # A new seat carries over to the languages without their own spelling; hostile text is shown inert.
    client.post(edit, {**data, "city": "Zamość", "city_uk": HOSTILE})
    cities = _cities(org)
    assert cities["pl"] == cities["en"] == "Zamość" and cities["uk"] == "<script>alert(1)</script>evil"
    for url in (uk.url, "/uk/katalog/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;evil" in html

    # Only the organisation's members translate it.
    client.force_login(user_factory())
    assert client.post(edit, {**data, "city_uk": "Чуже місто"}).status_code == 403
    assert _cities(org)["uk"] == "<script>alert(1)</script>evil"


def test_city_too_long_is_refused_with_nothing_saved(client, home_pages, translated_directory,
                                                     organisation_factory):
    org = organisation_factory(title="Fundacja Dom", nip="5260250274", krs="", city="Lublin")
    client.force_login(MembershipFactory(organisation=org).user)
    edit = reverse("directory:edit", args=[org.pk])
    response = client.post(edit, form_data(title="Fundacja Dom", krs="", city="Chełm", city_uk="м" * 101))
    assert response.status_code == 200 and "city_uk" in response.context["form"].errors
    assert _cities(org) == {"pl": "Lublin"}


def test_import_moves_the_cities_that_follow_the_original(home_pages, translated_directory, organisation_factory):
    org = organisation_factory(title="Fundacja Dom", nip="5260250274", krs="", city="Lublin",
                               sectors=["housing"])
    set_descriptions(org, {"uk": "Опис", "en": "Description"}, cities={"uk": "Люблін", "en": ""})
    assert _cities(org) == {"pl": "Lublin", "uk": "Люблін", "en": "Lublin"}
    csv = ("name,nip,city,voivodeship,sectors\n"
           "Fundacja Dom,5260250274,Zamość,lubelskie,housing\n")
    result = import_organisations(io.StringIO(csv))
    assert result.updated == 1, result.errors
    assert _cities(org) == {"pl": "Zamość", "uk": "Люблін", "en": "Zamość"}


def test_items_name_their_organisation_in_the_readers_language(client, home_pages, translated_directory,
                                                              organisation_factory):
    org = organisation_factory(title="Fundacja Dom")
    set_descriptions(org, {"uk": "Опис"}, names={"uk": "Фундація <b>Дім</b>", "en": ""})
    item = SupportItemFactory(organisation=org, kind="need", regions=["lubelskie"])
    uk_profile = OrganisationPage.objects.get(translation_key=org.translation_key, locale__language_code="uk")
    for url in ("/uk/needs-offers/", f"/uk/needs-offers/{item.pk}/"):
        html = client.get(url).content.decode()
        assert "Фундація &lt;b&gt;Дім&lt;/b&gt;" in html and "Fundacja Dom" not in html
    assert f'href="{uk_profile.url}"' in client.get(f"/uk/needs-offers/{item.pk}/").content.decode()
    assert "Fundacja Dom" in client.get(f"/en/needs-offers/{item.pk}/").content.decode()
