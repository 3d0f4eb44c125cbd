"""Co-signing: managers sign for their organisation once, may withdraw until the close; who signed is
seen by the Secretariat and the audit log only; the signatories export and annex are for owners."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from positions.actions import Refused, sign, withdraw
from positions.factories import publish
from positions.models import ReminderOptOut, Signature

pytestmark = pytest.mark.django_db


def test_a_manager_signs_for_their_organisation_and_it_is_audit_logged(client, world, secretariat_position):
    client.force_login(world.manager)
    response = client.post(reverse("positions:sign", args=[secretariat_position.pk]), {"organisation": world.org.pk})
    assert response.status_code == 302 and response.url.endswith("#signatures")
    signature = Signature.objects.get()
    assert (signature.organisation, signature.signed_by) == (world.org, world.manager)
    entry = ModelLogEntry.objects.get(action="razem.position_signed")
    assert entry.user_id == world.manager.pk and entry.data["organisation"] == world.org.pk


def test_the_public_page_names_organisations_and_voivodeships_never_the_signer(client, world, secretariat_position):
    sign(world.manager, secretariat_position, world.org.pk)
    sign(world.other_manager, secretariat_position, world.other_org.pk)
    page = client.get(secretariat_position.url).content.decode()
    assert "Fundacja Ocalenie" in page and "Stowarzyszenie Nomada" in page
    assert "mazowieckie" in page and "dolnośląskie" in page
    assert 'data-signature-count>2<' in page
    assert 'data-voivodeship="mazowieckie">1<' in page
    assert "Marek" not in page and "Menedżer" not in page and "manager@example.org" not in page


@pytest.mark.parametrize("role", ["member", "manager", "coordinator"])
def test_only_the_secretariat_sees_who_signed(client, world, secretariat_position, role):
    sign(world.manager, secretariat_position, world.org.pk)
    client.force_login(getattr(world, role))
    assert "Menedżer" not in client.get(secretariat_position.url).content.decode()
    client.force_login(world.secretariat)
    assert "Menedżer" in client.get(secretariat_position.url).content.decode()


def test_signing_twice_is_refused_and_keeps_one_signature(client, world, secretariat_position):
    sign(world.manager, secretariat_position, world.org.pk)
    with pytest.raises(Refused, match="already signed"):
        sign(world.manager, secretariat_position, world.org.pk)
    client.force_login(world.manager)
    client.post(reverse("positions:sign", args=[secretariat_position.pk]), {"organisation": world.org.pk})
    assert Signature.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="razem.position_signed").count() == 1


def test_signing_after_the_deadline_or_before_signing_opens_is_refused(world, secretariat_position, group_position):
    with pytest.raises(Refused, match="not open for signature"):
        sign(world.manager, group_position, world.org.pk)  # still in consultation
    later = secretariat_position.signing_closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(Refused, match="not open for signature"):
        sign(world.manager, secretariat_position, world.org.pk, now=later)
    assert not Signature.objects.exists()


@pytest.mark.parametrize("who,organisation", [("member", "org"), ("manager", "other_org"), ("coordinator", "org"),
                                               ("secretariat", "org")])
def test_only_a_manager_of_that_organisation_signs_for_it(client, world, secretariat_position, who, organisation):
    client.force_login(getattr(world, who))
    response = client.post(reverse("positions:sign", args=[secretariat_position.pk]),
                           {"organisation": getattr(world, organisation).pk})
    assert response.status_code == 302
    assert not Signature.objects.exists()
    # The action was asked in English (/en/…): its refusal is shown, in English, on the page.
    assert "You can sign only for an organisation you manage." in client.get(response.url).content.decode()


def test_anonymous_signing_goes_to_log_in(client, world, secretariat_position):
    response = client.post(reverse("positions:sign", args=[secretariat_position.pk]), {"organisation": world.org.pk})
    assert response.status_code == 302 and "login" in response.url
    assert not Signature.objects.exists()


def test_withdrawal_until_the_closing_date_and_audit_log(world, secretariat_position):
    sign(world.manager, secretariat_position, world.org.pk)
    with pytest.raises(Refused, match="only the signature of an organisation you manage"):
        withdraw(world.other_manager, secretariat_position, world.org.pk)
    withdraw(world.manager, secretariat_position, world.org.pk)
    assert not Signature.objects.exists()
    entry = ModelLogEntry.objects.get(action="razem.position_signature_withdrawn")
    assert entry.user_id == world.manager.pk and entry.data["signed_by"] == world.manager.pk
    with pytest.raises(Refused, match="has not signed"):
        withdraw(world.manager, secretariat_position, world.org.pk)
    sign(world.manager, secretariat_position, world.org.pk)
    secretariat_position.signing_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    publish(secretariat_position)
    with pytest.raises(Refused, match="Signing has closed"):
        withdraw(world.manager, secretariat_position, world.org.pk)
    assert Signature.objects.count() == 1


def test_the_signatories_export_has_the_hxl_row_and_no_people(client, world, secretariat_position):
    world.org.krs = "0000123456"
    world.org.title = "=HYPERLINK(\"http://evil\")"
    world.org.save()
    sign(world.manager, secretariat_position, world.org.pk)
    sign(world.other_manager, secretariat_position, world.other_org.pk)
    client.force_login(world.secretariat)
    response = client.get(reverse("positions:signatories_csv", args=[secretariat_position.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "organisation" and rows[1][0] == "#org+name"
    assert len(rows) == 4
    names = {row[0] for row in rows[2:]}
    assert "'=HYPERLINK(\"http://evil\")" in names and "Stowarzyszenie Nomada" in names
    assert "manager@example.org" not in response.content.decode("utf-8-sig")
    annex = client.get(reverse("positions:annex", args=[secretariat_position.pk])).content.decode()
    assert "Stowarzyszenie Nomada" in annex and "0000123456" in annex


@pytest.mark.parametrize("role,expected", [("member", 403), ("manager", 403), ("coordinator", 403),
                                           ("secretariat", 200)])
def test_the_export_of_a_secretariat_position_is_for_its_owners(client, world, secretariat_position, role, expected):
    client.force_login(getattr(world, role))
    assert client.get(reverse("positions:signatories_csv", args=[secretariat_position.pk])).status_code == expected
    assert client.get(reverse("positions:annex", args=[secretariat_position.pk])).status_code == expected


def test_a_groups_coordinator_exports_its_position(client, world, group_position):
    client.force_login(world.coordinator)
    assert client.get(reverse("positions:signatories_csv", args=[group_position.pk])).status_code == 200
    client.logout()
    response = client.get(reverse("positions:signatories_csv", args=[group_position.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_managers_turn_reminders_off_and_on_for_their_organisation_only(client, world):
    client.force_login(world.manager)
    assert "Fundacja Ocalenie" in client.get(reverse("positions:reminders")).content.decode()
    client.post(reverse("positions:reminders"), {"organisation": world.org.pk, "wanted": "0"})
    assert ReminderOptOut.objects.filter(organisation=world.org).exists()
    client.post(reverse("positions:reminders"), {"organisation": world.other_org.pk, "wanted": "0"})
    assert not ReminderOptOut.objects.filter(organisation=world.other_org).exists()
    client.post(reverse("positions:reminders"), {"organisation": world.org.pk, "wanted": "1"})
    assert not ReminderOptOut.objects.exists()
