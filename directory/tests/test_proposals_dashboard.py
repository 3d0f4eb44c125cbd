"""Proposals sent and received on "My organisation" with their state, and "Propose partnership"
next to each suggested match (item page and dashboard)."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.factories import MembershipFactory, SupportItemFactory
from directory.models import Partnership
from directory.support import propose_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def pair(organisation_factory):
    ours, theirs, third = (organisation_factory(title=name) for name in ("Nasza", "Ich", "Trzecia"))
    need = SupportItemFactory(organisation=ours, kind="need", title="Czynsz", regions=["lubelskie"], sectors=["housing"])
    offer = SupportItemFactory(organisation=theirs, kind="offer", title="Grant", regions=["lubelskie"], sectors=["housing"])
    other_need = SupportItemFactory(organisation=third, kind="need", title="Tłumacz", nationwide=True, sectors=["housing"])
    member = MembershipFactory(organisation=ours).user
    return {"ours": ours, "theirs": theirs, "third": third, "need": need, "offer": offer, "other_need": other_need,
            "member": member, "their_member": MembershipFactory(organisation=theirs).user,
            "third_member": MembershipFactory(organisation=third).user}


def test_dashboard_lists_sent_and_received_proposals_with_their_state(client, pair):
    propose_partnership(pair["member"], pair["need"], pair["offer"])  # sent by us
    propose_partnership(pair["third_member"], pair["other_need"], SupportItemFactory(
        organisation=pair["ours"], kind="offer", title="Nasza oferta", nationwide=True, sectors=["housing"]))  # received
    client.force_login(pair["member"])
    html = client.get(reverse("directory:mine")).content.decode()
    section = html[html.index('id="proposals-heading"'):]
    sent = section[section.index("Sent by your organisations"):section.index("Received by your organisations")]
    received = section[section.index("Received by your organisations"):]
    assert "Grant" in sent and "Ich" in sent and "state-proposed" in sent
    assert "Tłumacz" in received and "Trzecia" in received
    received_id = Partnership.objects.get(need=pair["other_need"]).pk
    assert reverse("directory:answer", args=[received_id, "accept"]) in received  # answered from the dashboard
    assert reverse("directory:answer", args=[received_id, "accept"]) not in sent


def test_propose_partnership_next_to_each_match(client, pair):
    client.force_login(pair["member"])
    html = client.get(reverse("directory:item", args=[pair["need"].pk])).content.decode()
    action = reverse("directory:propose", args=[pair["offer"].pk])
    assert f'action="{action}"' in html
    assert f'action="{action}"' in client.get(reverse("directory:mine")).content.decode()
    response = client.post(action, {"own_item": pair["need"].pk})
    assert response.status_code == 302
    assert Partnership.objects.filter(need=pair["need"], offer=pair["offer"], status=Partnership.PROPOSED).exists()
    # Proposed once: the button is gone from the item page.
    assert f'action="{action}"' not in client.get(reverse("directory:item", args=[pair["need"].pk])).content.decode()
    # Someone else's item page offers no button for their matches.
    client.force_login(pair["their_member"])
    html = client.get(reverse("directory:item", args=[pair["need"].pk])).content.decode()
    assert 'class="inline propose"' not in html


def test_suggestions_kept_for_readers_show_new_items_and_never_an_editors_forms(client, pair, organisation_factory):
    """The suggestions are kept as HTML for readers who edit nothing of the item (the same for all
    of them): a new offer shows on the next request, and the item's editors still get their own
    "Propose partnership" forms (each with the editor's CSRF token), never the readers' copy."""
    page = reverse("directory:item", args=[pair["need"].pk])
    propose = f'action="{reverse("directory:propose", args=[pair["offer"].pk])}"'
    client.force_login(pair["third_member"])
    html = client.get(page).content.decode()
    assert "Grant" in html and propose not in html
    SupportItemFactory(organisation=organisation_factory(title="Czwarta"), kind="offer", title="Mieszkanie",
                       regions=["lubelskie"], sectors=["housing"])
    assert "Mieszkanie" in client.get(page).content.decode()
    client.force_login(pair["member"])
    html = client.get(page).content.decode()
    assert propose in html and "Mieszkanie" in html
