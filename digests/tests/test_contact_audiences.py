"""Mailings to contact persons of member organisations: the audience (voivodeship served, sector,
working group, role), each person once in their language with an unsubscribe link, the legal basis
recorded, and unsubscribes honoured by the next mailing."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts.roles import SECRETARIAT
from digests import delivery, privacy
from digests.factories import MailingFactory, SubscriptionFactory
from digests.models import Contact, Delivery, Mailing
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from groups.factories import GroupIndexPageFactory, GroupMembershipFactory, WorkingGroupPageFactory
from home.models import Sector, Voivodeship

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations(home_page, user_factory):
    """Organisations serving lubelskie (seat, regions served, nationwide) and one that does not, with
    profile contacts and members in pl, uk and en; one person stands for two organisations."""
    index = DirectoryIndexPageFactory(parent=home_page)
    lublin = Voivodeship.objects.get(code="lubelskie")
    seat = OrganisationPageFactory(parent=index, voivodeship=lublin, contact_email="Kontakt@Seat.example.org",
                                   contact_name="Anna Kontakt")
    serves = OrganisationPageFactory(parent=index, regions_served=["lubelskie", "podkarpackie"],
                                     contact_email="olena@serves.example.org", contact_name="Olena")
    nationwide = OrganisationPageFactory(parent=index, nationwide=True, contact_email="")
    elsewhere = OrganisationPageFactory(parent=index, contact_email="far@elsewhere.example.org")
    olena = user_factory(email="olena@serves.example.org", language="uk")
    manager = user_factory(email="manager@example.org", language="en")
    member = user_factory(email="member@example.org", language="pl")
    for organisation in (serves, nationwide):  # one manager of two organisations: one e-mail
        MembershipFactory(organisation=organisation, user=manager, role=Membership.MANAGER)
    MembershipFactory(organisation=seat, user=member, role=Membership.MEMBER)
    MembershipFactory(organisation=elsewhere, user=user_factory(email="far-manager@example.org"),
                      role=Membership.MANAGER)
    return {"seat": seat, "serves": serves, "nationwide": nationwide, "elsewhere": elsewhere, "olena": olena}


def lubelskie_mailing(**fields):
    mailing = MailingFactory(audience=Mailing.CONTACTS, legal_basis="legitimate-interest", **fields, translations={
        "uk": ("Запрошення", "<p>Запрошуємо на зустріч.</p>"), "en": ("Invitation", "<p>Join us.</p>")})
    mailing.voivodeships.set(Voivodeship.objects.filter(code="lubelskie"))
    return mailing


def test_contact_persons_of_organisations_serving_lubelskie_then_unsubscribe(client, organisations):
    SubscriptionFactory(email="subscriber@example.org")  # digest subscribers are not this audience
    mailing = lubelskie_mailing()
    assert delivery.plan_mailing(mailing.pk) == 3
    sent = {message.to[0]: message for message in mail.outbox}
    # Each contact once (the manager of two organisations too); members only when chosen; not elsewhere.
    assert sorted(sent) == ["kontakt@seat.example.org", "manager@example.org", "olena@serves.example.org"]
    # In their language: the account's (uk, en), Polish without an account.
    assert "Запрошення" in sent["olena@serves.example.org"].subject
    assert "Zaproszenie" in sent["kontakt@seat.example.org"].subject
    assert "Invitation" in sent["manager@example.org"].subject
    for message in sent.values():
        assert "Unsubscribe" in message.body or "Wypisz" in message.body or "Відписатися" in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    entry = ModelLogEntry.objects.get(action="razem.mailing_sent")
    assert entry.data == {"recipients": 3, "audience": "contacts", "legal_basis": "legitimate-interest"}

    # Olena unsubscribes with the link of her e-mail (one click, as mail clients do).
    link = re.search(r"<(http[^>]+)>", sent["olena@serves.example.org"].extra_headers["List-Unsubscribe"]).group(1)
    path = link.removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Contact.objects.get(email="olena@serves.example.org").status == Contact.UNSUBSCRIBED
    assert client.post(path).status_code == 200  # a replayed link: still "unsubscribed", no error

    # A second mailing to the same audience (with members this time) honours her choice.
    mail.outbox.clear()
    second = lubelskie_mailing(to_members=True)
    assert delivery.plan_mailing(second.pk) == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "kontakt@seat.example.org", "manager@example.org", "member@example.org"]
    # Olena's profile contact is refreshed from the directory, her unsubscribe stays.
    assert Contact.objects.get(email="olena@serves.example.org").language == "uk"

    # Her personal data: exported; erased down to the suppression entry that keeps her opt-out.

    assert privacy.export_personal_data(organisations["olena"])["contact_person"][0]["status"] == "unsubscribed"
    privacy.erase_personal_data(organisations["olena"])
    olena = Contact.objects.get(email="olena@serves.example.org")
    assert (olena.status, olena.name, olena.user) == (Contact.UNSUBSCRIBED, "", None)


def test_filters_by_sector_working_group_and_role(organisations, user_factory, home_page):
    mailing = lubelskie_mailing(to_profile_contacts=False)
    mailing.sectors.set(Sector.objects.filter(code="legal-aid"))
    assert delivery.audience_size(mailing) == 1  # the manager, once
    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_page))
    GroupMembershipFactory(group=group, user=organisations["olena"], organisation=organisations["seat"])
    mailing.to_profile_contacts, mailing.to_managers = True, False
    mailing.save()
    mailing.working_groups.set([group])
    assert delivery.audience_size(mailing) == 1  # the seat organisation's profile contact
    assert not Contact.objects.exists()  # counting writes nothing


def test_legal_basis_required_and_secretariat_sends(client, organisations, user_factory):
    from django.core.exceptions import ValidationError

    mailing = lubelskie_mailing()
    mailing.legal_basis = ""
    with pytest.raises(ValidationError) as error:
        mailing.full_clean()
    assert "legal_basis" in error.value.message_dict
    mailing.legal_basis = "membership"
    mailing.save()
    editor = user_factory(email="sekretariat@example.org")
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    client.force_login(editor)
    url = reverse("wagtailsnippets_digests_mailing:send", args=[mailing.pk])
    page = client.get(url).content.decode()
    assert "3 osoby" in page or "3 people" in page
    client.post(url, {"action": "send", "confirm": "yes"})
    assert Delivery.objects.filter(mailing=mailing, state=Delivery.SENT).count() == 3 == len(mail.outbox)
    assert client.get(reverse("wagtailsnippets_digests_contact:list")).status_code == 200
