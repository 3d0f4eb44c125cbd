"""Scores and ranking on a hand-made dataset; notices once per pair; partnerships; expiry; permissions."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from directory.digest import digest_items
from directory.factories import MembershipFactory, SupportItemFactory
from directory.matching import pool, ranked, score, suggestions
from directory.models import MatchNotification, Membership, Partnership, SupportItem
from directory.support import (
    SupportError,
    accept_partnership,
    close_expired_items,
    decline_partnership,
    notify_matches,
    propose_partnership,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


@pytest.fixture(autouse=True)
def english():
    """Reasons are read in English here (they follow the active language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def orgs(organisation_factory):
    return {name: organisation_factory(title=name) for name in ("Potrzebująca", "Lubelska", "Krajowa", "Szczecińska",
                                                                 "Inna")}


@pytest.fixture
def dataset(orgs):
    need = SupportItemFactory(organisation=orgs["Potrzebująca"], kind="need", title="Czynsz dla rodzin",
                              regions=["lubelskie"], sectors=["housing", "legal-aid"], target_groups=["women"],
                              languages=["uk"], created_at=NOW)
    local = SupportItemFactory(organisation=orgs["Lubelska"], kind="offer", title="Grant lokalny",
                               regions=["lubelskie"], sectors=["housing"], target_groups=["women"],
                               languages=["uk", "pl"], created_at=NOW)
    national = SupportItemFactory(organisation=orgs["Krajowa"], kind="offer", title="Fundusz krajowy",
                                  nationwide=True, sectors=["housing", "legal-aid"], created_at=NOW - datetime.timedelta(days=90))
    far = SupportItemFactory(organisation=orgs["Szczecińska"], kind="offer", title="Grant w Szczecinie",
                             regions=["zachodniopomorskie"], sectors=["culture"], created_at=NOW - datetime.timedelta(days=400))
    expired = SupportItemFactory(organisation=orgs["Inna"], kind="offer", title="Po terminie", nationwide=True,
                                 sectors=["housing"], valid_until=timezone.localdate() - datetime.timedelta(days=1))
    other_type = SupportItemFactory(organisation=orgs["Inna"], kind="offer", title="Wolontariusze",
                                    support_type="volunteers", nationwide=True, sectors=["housing"])
    own = SupportItemFactory(organisation=orgs["Potrzebująca"], kind="offer", title="Własna oferta", nationwide=True)
    return locals()


def test_scores_and_reasons(dataset):
    need = dataset["need"]
    local = score(need, dataset["local"], NOW)
    # region 30 + sectors 25*1/2 (one of two) + target groups 15 + languages 15 + freshness 15
    assert local.score == 30 + 12 + 15 + 15 + 15
    assert str(local.reasons[1]) == "Common voivodeships: Lublin"
    national = score(need, dataset["national"], NOW)
    # nationwide 30 + both sectors 25 + no groups + no languages + freshness 15*(1-90/180)
    assert national.score == 30 + 25 + 8
    assert any("anywhere in Poland" in str(r) for r in national.reasons)
    far = score(need, dataset["far"], NOW)
    assert far.score == 0 and any("No common voivodeship" in str(r) for r in far.reasons)
    assert score(need, dataset["expired"], NOW) is None
    assert score(need, dataset["other_type"], NOW) is None
    assert score(need, dataset["own"], NOW) is None


def test_ranking(dataset, django_assert_max_num_queries):
    need = SupportItem.objects.get(pk=dataset["need"].pk)
    # The item's own vocabularies, the candidates and theirs: a fixed number, whatever the candidates' count.
    with django_assert_max_num_queries(10):
        ranked = suggestions(need, now=NOW)
    assert [match.item.title for match in ranked] == ["Grant lokalny", "Fundusz krajowy"]
    reverse_side = suggestions(dataset["local"], now=NOW)
    assert [match.item.title for match in reverse_side] == ["Czynsz dla rodzin"]


def test_a_limited_ranking_is_the_head_of_the_whole_one(orgs):
    need = SupportItemFactory(organisation=orgs["Potrzebująca"], kind="need", nationwide=True, sectors=["housing"],
                              created_at=NOW)
    # Equal scores and equal dates: the order falls to the later tie-breakers.
    for number in range(12):
        SupportItemFactory(organisation=orgs["Lubelska"], kind="offer", nationwide=True, sectors=["housing"],
                           created_at=NOW - datetime.timedelta(days=number % 3))
    whole = ranked(need, now=NOW)
    assert len(whole) == 12
    assert ranked(need, now=NOW, limit=5) == whole[:5]
    assert ranked(need, now=NOW, limit=50) == whole


def test_the_pool_a_process_keeps_follows_every_write(dataset, orgs, django_assert_num_queries):
    need = dataset["need"]
    offers = pool(SupportItem.OFFER, need.support_type_id)
    with django_assert_num_queries(0):
        assert pool(SupportItem.OFFER, need.support_type_id) is offers  # kept, not fetched again
    added = SupportItemFactory(organisation=orgs["Lubelska"], kind="offer", nationwide=True)
    assert added.pk in {candidate.pk for candidate in pool(SupportItem.OFFER, need.support_type_id)}
    SupportItem.objects.filter(pk=added.pk).delete()  # a bulk delete: no model signal
    assert added.pk not in {candidate.pk for candidate in pool(SupportItem.OFFER, need.support_type_id)}


def test_no_pool_is_kept_while_the_versions_cannot_be_read(dataset):
    need = dataset["need"]
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        first = pool(SupportItem.OFFER, need.support_type_id)
        again = pool(SupportItem.OFFER, need.support_type_id)
    assert first == again and first is not again


def test_notice_once_per_pair(dataset, orgs, user_factory):
    manager = MembershipFactory(organisation=orgs["Lubelska"], role=Membership.MANAGER,
                                user=user_factory(email="lub@example.org", language="pl")).user
    silent = MembershipFactory(organisation=orgs["Lubelska"], role=Membership.MANAGER).user
    Membership.objects.filter(user=silent).update(notify_matches=False)
    # "Grant lokalny" (87) and "Fundusz krajowy" (63) pass the threshold of 60; Krajowa has no manager to tell.
    assert notify_matches(dataset["need"].pk) == 2
    assert [m.to for m in mail.outbox] == [[manager.email]]
    # In the recipient's language (Polish), reasons included.
    assert "Czynsz dla rodzin" in mail.outbox[0].body and "Wspólne województwa: lubelskie" in mail.outbox[0].body
    assert notify_matches(dataset["need"].pk) == 0
    assert notify_matches(dataset["local"].pk) == 0  # the same pair seen from the other side
    assert MatchNotification.objects.count() == 2 and len(mail.outbox) == 1


def test_partnership_flow(dataset, orgs, user_factory, django_capture_on_commit_callbacks):
    asker = MembershipFactory(organisation=orgs["Potrzebująca"]).user
    giver = MembershipFactory(organisation=orgs["Lubelska"]).user
    outsider = user_factory()
    need, offer = dataset["need"], dataset["local"]
    with pytest.raises(SupportError):
        propose_partnership(outsider, need, offer)
    with pytest.raises(SupportError):
        propose_partnership(asker, need, dataset["own"])  # own organisation
    with pytest.raises(SupportError):
        propose_partnership(asker, need, dataset["expired"])  # closed item
    with django_capture_on_commit_callbacks(execute=True):
        partnership = propose_partnership(asker, need, offer, "Porozmawiajmy")
    assert mail.outbox[-1].to == [giver.email]
    need.refresh_from_db()
    assert need.status == SupportItem.IN_TALKS
    with pytest.raises(SupportError):
        accept_partnership(asker, partnership)  # the proposer cannot accept
    with pytest.raises(SupportError):
        propose_partnership(asker, need, offer)  # once per pair
    accept_partnership(giver, partnership)
    need.refresh_from_db()
    offer.refresh_from_db()
    assert need.status == offer.status == SupportItem.MATCHED
    partnership.refresh_from_db()
    assert partnership.status == Partnership.ACCEPTED and partnership.accepted_at is not None


def test_partnership_shown_on_both_profiles(client, dataset, orgs):
    asker = MembershipFactory(organisation=orgs["Potrzebująca"]).user
    giver = MembershipFactory(organisation=orgs["Lubelska"]).user
    accept_partnership(giver, propose_partnership(asker, dataset["need"], dataset["local"]))
    for name in ("Potrzebująca", "Lubelska"):
        html = client.get(orgs[name].url).content.decode()
        assert "Potrzebująca" in html and "Lubelska" in html and "Czynsz dla rodzin" in html


def test_expired_items_close_and_owners_are_told(dataset, orgs):
    manager = MembershipFactory(organisation=orgs["Inna"]).user
    assert close_expired_items() == 1
    dataset["expired"].refresh_from_db()
    assert dataset["expired"].status == SupportItem.CLOSED
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert close_expired_items() == 0 and len(mail.outbox) == 1


def test_item_form_permissions_and_bad_input(client, orgs, user_factory):
    org = orgs["Potrzebująca"]
    url = reverse("directory:item_new", args=[org.pk])
    client.force_login(user_factory())
    assert client.get(url).status_code == 403
    client.force_login(MembershipFactory(organisation=org).user)
    good = {"kind": "need", "support_type": "financial", "title": "Nowa potrzeba", "regions": ["lubelskie"],
            "sectors": ["housing"], "valid_until": (timezone.localdate() + datetime.timedelta(days=30)).isoformat()}
    for bad, field in [({"valid_until": "2000-01-01"}, "valid_until"), ({"amount": "-5"}, "amount"),
                       ({"support_type": "gold"}, "support_type"), ({"sectors": ["nonsense"]}, "sectors")]:
        response = client.post(url, {**good, **bad})
        assert response.status_code == 200 and field in response.context["form"].errors
    assert not SupportItem.objects.filter(title="Nowa potrzeba").exists()
    response = client.post(url, good)
    assert response.status_code == 302
    item = SupportItem.objects.get(title="Nowa potrzeba")
    assert item.organisation == org and item.status == SupportItem.OPEN
    detail = client.get(reverse("directory:item", args=[item.pk]))
    assert detail.status_code == 200


def test_listing_facets(client, dataset):
    response = client.get(reverse("directory:items"))
    facets = {g["param"]: {v["code"]: v["count"] for v in g["values"]} for g in response.context["facets"]}
    # Active items only: the expired one is left out.
    assert facets["kind"] == {"need": 1, "offer": 5}
    assert facets["type"] == {"financial": 5, "volunteers": 1}
    response = client.get(reverse("directory:items"), {"kind": "offer", "region": "lubelskie"})
    titles = {item.title for item, _shown in response.context["entries"]}
    assert titles == {"Grant lokalny", "Fundusz krajowy", "Wolontariusze", "Własna oferta"}
    # The rendered listing is kept (item_list): a new offer and a bulk status change show on the next request.
    added = SupportItemFactory(organisation=dataset["orgs"]["Inna"], kind="offer", title="Nowa oferta", nationwide=True)
    assert "Nowa oferta" in client.get(reverse("directory:items"), {"kind": "offer", "region": "lubelskie"}).content.decode()
    SupportItem.objects.filter(pk=added.pk).update(status=SupportItem.CLOSED)
    assert "Nowa oferta" not in client.get(reverse("directory:items"), {"kind": "offer", "region": "lubelskie"}).content.decode()


def test_digest_items(dataset):
    start, end = NOW - datetime.timedelta(days=1), NOW + datetime.timedelta(days=1)
    items = digest_items(start, end)
    kinds = {item.kind for item in items}
    assert "needs-offers" in kinds
    need = next(item for item in items if item.texts["pl"].title == "Czynsz dla rodzin")
    assert need.voivodeships == frozenset({"lubelskie"}) and "housing" in need.sectors
    assert need.texts["pl"].url.endswith(f"/pl/needs-offers/{dataset['need'].pk}/")


def test_a_proposal_and_its_message_are_read_only_by_the_two_organisations_and_the_secretariat(
        client, dataset, orgs, user_factory, secretariat_user):
    """#17 item 5: the message written with a proposal was shown to every reader of the need/offer page."""
    asker = MembershipFactory(organisation=orgs["Potrzebująca"]).user
    giver = MembershipFactory(organisation=orgs["Lubelska"]).user
    outsider = MembershipFactory(organisation=orgs["Inna"]).user
    partnership = propose_partnership(asker, dataset["need"], dataset["local"], "Nasz prywatny numer 600 100 200")
    urls = [reverse("directory:item", args=[pk]) for pk in (dataset["need"].pk, dataset["local"].pk)]

    def read(user):
        client.logout()
        if user:
            client.force_login(user)
        return [client.get(url).content.decode() for url in urls]

    def section(html):
        return html.split('id="partnerships-heading"')[-1].split("</section>")[0] if "partnerships-heading" in html else ""

    for reader in (None, outsider):  # a proposal: not even listed
        for html in read(reader):
            assert "600 100 200" not in html and section(html) == ""
    for reader in (asker, giver, secretariat_user):
        for html in read(reader):
            assert "600 100 200" in html
    accept_partnership(giver, partnership)
    for reader in (None, outsider):  # accepted: public, the message stays private
        for html in read(reader):
            assert "partnerships-heading" in html and "600 100 200" not in html
    other_need = SupportItemFactory(organisation=orgs["Krajowa"], kind="need", title="Potrzeba", nationwide=True)
    declined = propose_partnership(asker, dataset["own"], other_need, "Tajne")
    decline_partnership(MembershipFactory(organisation=orgs["Krajowa"]).user, declined)
    client.logout()
    html = client.get(reverse("directory:item", args=[other_need.pk])).content.decode()
    assert "Tajne" not in html and section(html) == ""


def test_a_profile_kept_across_requests_follows_every_item_and_partnership_write(client, settings, dataset, orgs,
                                                                                 monkeypatch):
    """An organisation's needs, offers and partnerships are kept for every reader (OrganisationPage.
    kept_support_context): a new item, a bulk status change, an accepted partnership, one deleted
    in bulk and an item's last day each show on the next request."""
    settings.FRAME_CACHE = True

    def profile(name="Potrzebująca"):
        html = client.get(orgs[name].url).content.decode()
        assert 'id="support-heading"' in html
        return html

    assert "Czynsz dla rodzin" in profile() and "Tłumacz na wizyty" not in profile()
    added = SupportItemFactory(organisation=orgs["Potrzebująca"], kind="need", title="Tłumacz na wizyty",
                               valid_until=timezone.localdate())
    assert "Tłumacz na wizyty" in profile()
    SupportItem.objects.filter(pk=added.pk).update(status=SupportItem.CLOSED)
    assert "Tłumacz na wizyty" not in profile()
    SupportItem.objects.filter(pk=added.pk).update(status=SupportItem.OPEN)
    assert "Tłumacz na wizyty" in profile()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert "Tłumacz na wizyty" not in profile()  # past its valid-until date
    monkeypatch.undo()

    assert "partnerships-heading" not in profile("Lubelska")
    partnership = Partnership.objects.create(need=dataset["need"], offer=dataset["local"],
                                             proposed_by=orgs["Potrzebująca"])
    assert "partnerships-heading" not in profile("Lubelska")
    Partnership.objects.filter(pk=partnership.pk).update(status=Partnership.ACCEPTED, accepted_at=NOW)
    assert "partnerships-heading" in profile("Lubelska") and "partnerships-heading" in profile()
    Partnership.objects.filter(pk=partnership.pk).delete()
    assert "partnerships-heading" not in profile("Lubelska")
