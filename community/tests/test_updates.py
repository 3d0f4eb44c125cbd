"""Member updates: posting rules, the feed and its filters, challenges, moderation, reports, hooks."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.roles import SECRETARIAT
from community import updates as service
from community.digest import update_items
from community.discussions import DiscussionError
from community.models import MAX_UPDATE_LENGTH, OrganisationUpdate, Report
from community.privacy import erase_personal_data, export_personal_data
from directory.factories import OrganisationPageFactory, SupportItemFactory
from directory.models import SupportItem
from home.models import Sector, Voivodeship

from .conftest import feed_pks

pytestmark = pytest.mark.django_db

Kind = OrganisationUpdate.Kind


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("zdjecie.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def author(member_factory):
    return member_factory(first_name="Iryna", last_name="Autorka", language="uk")


@pytest.fixture
def editor(user_factory):
    user = user_factory(first_name="Ewa", last_name="Redaktorka", language="en")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def _post(author, organisation, text="Prowadzimy kursy", kind=Kind.ACTIVITY, **kwargs):
    return service.post_update(author, organisation, kind, text, "pl", **kwargs)


# --- posting rules -----------------------------------------------------------------------------------


def test_a_member_posts_for_the_organisation_with_its_places_by_default(author, organisation):
    organisation.regions_served.set(Voivodeship.objects.filter(code="lubelskie"))
    organisation.save()  # a ParentalManyToManyField is written on save
    update = _post(author, organisation)
    assert update.organisation == organisation and update.author == author
    assert [s.code for s in update.sectors.all()] == ["legal-aid"]
    assert sorted(v.code for v in update.voivodeships.all()) == ["lubelskie", "mazowieckie"]
    explicit = _post(author, organisation, sectors=Sector.objects.filter(code="housing"),
                     voivodeships=Voivodeship.objects.filter(code="pomorskie"))
    assert [s.code for s in explicit.sectors.all()] == ["housing"]
    assert [v.code for v in explicit.voivodeships.all()] == ["pomorskie"]


def test_only_members_of_a_registered_organisation_post(user_factory, author, organisation):
    with pytest.raises(DiscussionError, match="Only members"):
        _post(user_factory(), organisation)
    organisation.live = False
    organisation.save()
    with pytest.raises(DiscussionError, match="not been approved"):
        _post(author, organisation)
    assert not OrganisationUpdate.objects.exists()


@pytest.mark.parametrize("text, message", [
    ("", "Write something before posting."),
    ("\u202e \n ", "Write something before posting."),
    ("x" * 100_000, f"at most {MAX_UPDATE_LENGTH} characters"),
])
def test_bad_text_is_refused_in_the_form_and_nothing_is_saved(client, author, organisation, text, message):
    client.force_login(author)
    response = client.post(reverse("community:new_update"), {
        "organisation": organisation.pk, "kind": Kind.PLAN, "text": text, "language": "pl",
    })
    assert response.status_code == 400 and message in response.content.decode()
    assert not OrganisationUpdate.objects.exists()
    with pytest.raises(DiscussionError):
        _post(author, organisation, text=text)


def test_files_are_checked_by_content(author, organisation):
    with pytest.raises(DiscussionError, match="Describe the image"):
        _post(author, organisation, image=_png())
    fake = SimpleUploadedFile("zdjecie.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(DiscussionError, match="PNG, JPEG or WebP"):
        _post(author, organisation, image=fake, image_alt="opis")
    fake_pdf = SimpleUploadedFile("raport.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(DiscussionError, match="not a PDF file"):
        _post(author, organisation, document=fake_pdf)
    assert not OrganisationUpdate.objects.exists()
    update = _post(author, organisation, image=_png(), image_alt="Czerwony kwadrat")
    assert update.image.name.endswith(".png") and update.image_alt == "Czerwony kwadrat"


def test_challenge_links_a_group_and_only_an_own_need(author, organisation, group, home_page):
    own_need = SupportItemFactory(organisation=organisation, kind=SupportItem.NEED)
    foreign = OrganisationPageFactory(parent=organisation.get_parent(), slug="obca")
    foreign_need = SupportItemFactory(organisation=foreign, kind=SupportItem.NEED)
    with pytest.raises(DiscussionError, match="own organisation"):
        _post(author, organisation, kind=Kind.CHALLENGE, need=foreign_need)
    challenge = _post(author, organisation, kind=Kind.CHALLENGE, need=own_need, working_group=group)
    assert (challenge.need, challenge.working_group) == (own_need, group)
    activity = _post(author, organisation, need=own_need, working_group=group)  # only challenges link
    assert activity.need is None and activity.working_group is None


def test_posting_through_the_form(client, author, organisation):
    client.force_login(author)
    assert client.get(reverse("community:new_update")).status_code == 200
    response = client.post(reverse("community:new_update"), {
        "organisation": organisation.pk, "kind": Kind.CALL, "text": "Szukamy partnerów\n\nhttps://example.org",
        "language": "pl", "sectors": ["housing"],
    })
    update = OrganisationUpdate.objects.get()
    assert response.status_code == 302 and response["Location"] == update.get_absolute_url()
    assert [s.code for s in update.sectors.all()] == ["housing"]


def test_people_without_an_organisation_are_sent_back(client, user_factory):
    client.force_login(user_factory())
    response = client.get(reverse("community:new_update"))
    assert response.status_code == 302 and response["Location"] == reverse("community:updates")
    assert client.get(reverse("community:new_update")).status_code == 302
    client.logout()
    assert client.get(reverse("community:new_update")).status_code == 302  # to the log-in page


def test_flooding_is_rate_limited(client, author, organisation, monkeypatch):
    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: 1_800_000_030.0)
    client.force_login(author)
    data = {"organisation": organisation.pk, "kind": Kind.ACTIVITY, "language": "pl"}
    statuses = [client.post(reverse("community:new_update"), {**data, "text": f"Wpis {n}"}).status_code
                for n in range(11)]
    assert statuses == [302] * 10 + [429]
    assert OrganisationUpdate.objects.count() == 10


# --- the feed, the update page, escaping ----------------------------------------------------------------


def test_feed_filters_and_hides_what_readers_may_not_see(client, author, organisation):
    activity = _post(author, organisation, text="Działanie w Lublinie",
                     voivodeships=Voivodeship.objects.filter(code="lubelskie"))
    challenge = _post(author, organisation, text="Wyzwanie mieszkaniowe", kind=Kind.CHALLENGE,
                      sectors=Sector.objects.filter(code="housing"))
    hidden = _post(author, organisation, text="Ukryta aktualność")
    OrganisationUpdate.objects.filter(pk=hidden.pk).update(hidden=True)

    def shown(query=""):
        response = client.get(reverse("community:updates") + query)
        return response.status_code, feed_pks(response)

    assert shown() == (200, [challenge.pk, activity.pk])
    assert shown("?kind=challenge") == (200, [challenge.pk])
    assert shown("?sector=housing") == (200, [challenge.pk])
    assert shown("?voivodeship=lubelskie") == (200, [activity.pk])
    assert shown(f"?organisation={organisation.pk}") == (200, [challenge.pk, activity.pk])
    assert shown("?kind=nonsense&sector=%00&organisation=x") == (400, [])
    assert client.get(reverse("community:update", args=[hidden.pk])).status_code == 404
    organisation.unpublish()
    assert shown() == (200, [])


def test_the_kept_feed_follows_every_write(client, author, organisation, home_page):
    """The feed's list (and the home page's section) is kept for everyone: posts, bulk hiding, places,
    a need's title and the organisation's published name each show on the next request."""
    need = SupportItemFactory(organisation=organisation, kind=SupportItem.NEED, title="Potrzebni tłumacze")
    challenge = _post(author, organisation, text="Brakuje tłumaczy", kind=Kind.CHALLENGE, need=need)
    feed = reverse("community:updates")

    def html():  # the list (the filter form above it names every place)
        return client.get(feed).content.decode().split('id="updates-heading"')[1]

    assert "Potrzebni tłumacze" in html() and html() == html()  # the second one is the kept copy
    assert "Brakuje tłumaczy" in client.get(home_page.url).content.decode()
    later = _post(author, organisation, text="Nowe kursy")
    assert feed_pks(client.get(feed)) == [later.pk, challenge.pk]
    assert "Nowe kursy" in client.get(home_page.url).content.decode()
    OrganisationUpdate.objects.filter(pk=later.pk).update(hidden=True)  # no signal
    assert feed_pks(client.get(feed)) == [challenge.pk]
    assert "Nowe kursy" not in client.get(home_page.url).content.decode()
    place = Voivodeship.objects.get(code="podlaskie")
    assert place.label not in html()
    challenge.voivodeships.add(place)
    assert place.label in html()
    SupportItem.objects.filter(pk=need.pk).update(title="Potrzebne tłumaczki")
    assert "Potrzebne tłumaczki" in html()
    organisation.title = "Fundacja Po Nowemu"
    organisation.save_revision().publish()
    assert "Fundacja Po Nowemu" in html()


def test_hostile_text_is_escaped(client, author, organisation):
    update = _post(author, organisation, text='<script>alert(1)</script> <img src=x onerror="alert(2)"> \u202eevil')
    for url in (reverse("community:updates"), update.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html and "\u202e" not in html
        assert "&lt;script&gt;" in html


def test_feed_queries_do_not_grow_with_the_number_of_updates(client, settings, author, organisation,
                                                             django_assert_max_num_queries):
    settings.FRAME_CACHE = False  # the list computed each time, not its kept copy
    for n in range(3):
        _post(author, organisation, text=f"Aktualność {n}")
    client.get(reverse("community:updates"))  # warm per-process caches
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("community:updates"))
    for n in range(25):
        _post(author, organisation, text=f"Kolejna {n}", kind=Kind.CHALLENGE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("community:updates"))
    with django_assert_max_num_queries(25):
        client.get(reverse("community:challenges"))
    with django_assert_max_num_queries(25):
        client.get(reverse("community:update", args=[OrganisationUpdate.objects.first().pk]))


# --- challenges -----------------------------------------------------------------------------------------


def test_challenges_are_grouped_by_sector_and_voivodeship(client, author, organisation):
    def challenge(text, sectors, voivodeships):
        return _post(author, organisation, text=text, kind=Kind.CHALLENGE,
                     sectors=Sector.objects.filter(code__in=sectors),
                     voivodeships=Voivodeship.objects.filter(code__in=voivodeships))

    challenge("Tłumacze", ["legal-aid"], ["lubelskie", "mazowieckie"])
    challenge("Mieszkania", ["housing"], ["mazowieckie"])
    challenge("Umowy najmu", ["housing", "legal-aid"], ["mazowieckie"])
    _post(author, organisation, text="Nie wyzwanie")
    response = client.get(reverse("community:challenges"))
    assert response.status_code == 200 and response.context["total"] == 3
    table = {
        group.sector.code: {cell.voivodeship.code: sorted(u.text for u in cell.updates) for cell in group.cells}
        for group in response.context["groups"]
    }
    assert table == {
        "legal-aid": {"lubelskie": ["Tłumacze"], "mazowieckie": ["Tłumacze", "Umowy najmu"]},
        "housing": {"mazowieckie": ["Mieszkania", "Umowy najmu"]},
    } or table == {
        "housing": {"mazowieckie": ["Mieszkania", "Umowy najmu"]},
        "legal-aid": {"lubelskie": ["Tłumacze"], "mazowieckie": ["Tłumacze", "Umowy najmu"]},
    }
    counts = {group.sector.code: group.count for group in response.context["groups"]}
    assert counts == {"legal-aid": 2, "housing": 2}
    assert "Nie wyzwanie" not in response.content.decode()


# --- moderation and reports -----------------------------------------------------------------------------


def test_an_editor_hides_an_update_the_author_is_told_and_it_is_audited(
        client, author, organisation, editor, user_factory, django_capture_on_commit_callbacks):
    update = _post(author, organisation)
    reader = user_factory()
    service.report_update(reader, update, "Reklama")
    client.force_login(reader)  # readers cannot hide
    client.post(reverse("community:hide_update", args=[update.pk]), {"reason": "x"})
    update.refresh_from_db()
    assert not update.hidden
    client.force_login(editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:hide_update", args=[update.pk]), {"reason": "Treść reklamowa"})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.hidden and update.hidden_reason == "Treść reklamowa" and update.hidden_by == editor
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Treść reklamowa" in mail.outbox[0].body and "приховано" in mail.outbox[0].subject.lower()
    assert Report.objects.get(update=update).status == Report.Status.RESOLVED
    entry = ModelLogEntry.objects.get(action="razem.post_hidden")
    assert entry.user == editor and entry.data["reason"] == "Treść reklamowa"
    assert client.get(update.get_absolute_url()).status_code == 200  # editors still see it, with the reason
    client.force_login(reader)
    assert client.get(update.get_absolute_url()).status_code == 404
    with pytest.raises(DiscussionError):
        service.hide_update(editor, update, "Jeszcze raz")  # hidden once, audited once
    client.force_login(editor)
    client.post(reverse("community:unhide_update", args=[update.pk]))
    update.refresh_from_db()
    assert not update.hidden


def test_hiding_needs_a_reason(author, organisation, editor):
    update = _post(author, organisation)
    for reason in ("", "  ", "x" * 501):
        with pytest.raises(DiscussionError):
            service.hide_update(editor, update, reason)
    update.refresh_from_db()
    assert not update.hidden and not ModelLogEntry.objects.filter(action="razem.post_hidden").exists()


def test_readers_report_once(client, author, organisation, user_factory):
    update = _post(author, organisation)
    reader = user_factory()
    client.force_login(reader)
    url = reverse("community:report_update", args=[update.pk])
    client.post(url, {"reason": "Nieprawda"})
    client.post(url, {"reason": "Nieprawda"})
    assert Report.objects.filter(update=update).count() == 1
    client.post(url, {"reason": ""})
    assert Report.objects.filter(update=update).count() == 1
    client.logout()
    assert client.post(url, {"reason": "x"}).status_code == 302  # to the log-in page
    assert Report.objects.filter(update=update).count() == 1


def test_admin_lists_updates_and_their_reports_for_the_secretariat_only(client, author, organisation, editor,
                                                                        coordinator, user_factory):
    update = _post(author, organisation, text="Zgłoszona aktualność")
    service.report_update(user_factory(), update, "Spam z aktualności")
    client.force_login(editor)
    assert "Zgłoszona aktualność" in client.get(reverse("community_updates:index")).content.decode()
    assert client.get(reverse("community_updates:edit", args=[update.pk])).status_code == 200
    assert "Spam z aktualności" in client.get(reverse("community_reports:index")).content.decode()
    client.force_login(coordinator)  # coordinators handle their groups' posts, not member updates
    assert "Spam z aktualności" not in client.get(reverse("community_reports:index")).content.decode()
    assert client.get(reverse("community_updates:index")).status_code in (302, 403)


# --- other apps' hooks: home page, profile, digests, privacy ---------------------------------------------


def test_home_page_and_profile_show_the_latest_updates(client, author, organisation, home_page, editor):
    update = _post(author, organisation, text="Nowość na stronie głównej")
    assert "Nowość na stronie głównej" in client.get(home_page.url).content.decode()
    assert "Nowość na stronie głównej" in client.get(organisation.url).content.decode()
    service.hide_update(editor, update, "Nieaktualne")  # the profile's cached rows are dropped
    assert "Nowość na stronie głównej" not in client.get(organisation.url).content.decode()
    assert "Nowość na stronie głównej" not in client.get(home_page.url).content.decode()


def test_digest_items_of_updates(author, organisation):
    import datetime

    from django.utils import timezone

    update = _post(author, organisation, kind=Kind.CHALLENGE, voivodeships=Voivodeship.objects.filter(code="lodzkie"))
    hidden = _post(author, organisation)
    OrganisationUpdate.objects.filter(pk=hidden.pk).update(hidden=True)
    now = timezone.now()
    items = update_items(now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1))
    assert [item.key for item in items] == [f"community.update:{update.pk}"]
    item = items[0]
    assert item.kind == "member-updates" and item.sectors == {"legal-aid"} and item.voivodeships == {"lodzkie"}
    assert item.original_language == "pl" and item.texts["en"].title == "Fundacja Ocalenie: Challenge"


def test_privacy_export_and_erasure(author, organisation, editor, user_factory):
    update = _post(author, organisation, text="Moja aktualność")
    reader = user_factory()
    service.report_update(reader, update, "Powód")
    service.hide_update(editor, update, "Powód ukrycia")
    data = export_personal_data(author)
    assert [u["text"] for u in data["member_updates"]] == ["Moja aktualność"]
    assert export_personal_data(reader)["member_updates"] == []
    assert export_personal_data(reader)["reports"][0]["update"] == update.pk
    counts = erase_personal_data(author)
    assert counts["updates_anonymised"] == 1
    erase_personal_data(editor)
    update.refresh_from_db()
    assert update.author is None and update.hidden_by is None and update.text == "Moja aktualność"


def test_a_filter_value_that_is_no_id_is_a_bad_request(client):
    """#17 item 8: an organisation id beyond 64 bits overflowed SQLite (a 500); it is refused as any bad filter."""
    for value in ("99999999999999999999999", "-1", "²"):
        assert client.get(reverse("community:updates"), {"organisation": value}).status_code == 400, value
