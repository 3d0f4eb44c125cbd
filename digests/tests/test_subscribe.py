"""Public sign-up with double opt-in, consent records, validation and rate limits."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from digests.forms import CONSENT_VERSION
from accounts.models import ConsentRecord
from digests.models import Subscription
from digests.validators import validate_subscriber_email

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "email": "Anna.Kowalska@Example.org",
        "language": "uk",
        "frequency": "weekly",
        "kinds": ["news", "library"],
        "sectors": ["housing", "legal-aid"],
        "voivodeships": ["lubelskie"],
        "saved_search": "https://forum-razem.pl/pl/search/?q=mieszkania+Lublin",
        "consent": "on",
    }
    data.update(overrides)
    return data


def url(name, *args, language="pl"):
    with translation.override(language):
        return reverse(name, args=args)


def confirm_link(message):
    return re.search(r"http://testserver(/\w\w/digests/confirm/[^/\s]+/)", message.body).group(1)


def test_double_opt_in_records_consent_and_activates_only_after_confirmation(client):
    response = client.post(url("digests:subscribe"), form_data())
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "anna.kowalska@example.org"
    assert subscription.status == Subscription.PENDING
    assert sorted(subscription.kinds) == ["library", "news"]
    assert {s.code for s in subscription.sectors.all()} == {"housing", "legal-aid"}
    assert subscription.saved_search == "q=mieszkania+Lublin"
    assert not ConsentRecord.objects.exists()  # not until the address owner confirms

    # The confirmation e-mail is in the subscriber's language, with a link under that language prefix.
    [message] = mail.outbox
    assert message.to == ["anna.kowalska@example.org"]
    link = confirm_link(message)
    assert link.startswith("/uk/")

    # GET only shows a button and the consent text (mail scanners follow links); POST confirms.
    page = client.get(link).content.decode()
    assert "погоджуюся" in page
    subscription.refresh_from_db()
    assert subscription.status == Subscription.PENDING
    client.post(link)
    subscription.refresh_from_db()
    assert subscription.status == Subscription.ACTIVE and subscription.confirmed_at
    consent = ConsentRecord.objects.get()
    assert consent.purpose == "digests" and consent.version == CONSENT_VERSION
    assert consent.method == ConsentRecord.Method.SUBSCRIPTION and consent.email == "anna.kowalska@example.org"
    assert "Форум Разом" in consent.text and consent.given_at and consent.user is None
    # Replaying the confirmation changes nothing.
    again = client.post(link)
    assert again.status_code == 200
    assert Subscription.objects.get().confirmed_at == subscription.confirmed_at


def test_confirmation_links_to_verified_account(client, user_factory):
    user = user_factory(email="member@example.org")
    client.post(url("digests:subscribe"), form_data(email="member@example.org"))
    client.post(confirm_link(mail.outbox[0]))
    assert Subscription.objects.get().user == user


def test_subscribing_an_active_address_changes_nothing_and_reveals_nothing(client):
    client.post(url("digests:subscribe"), form_data())
    client.post(confirm_link(mail.outbox[0]))
    mail.outbox.clear()
    response = client.post(url("digests:subscribe"), form_data(language="en", kinds=["meetings"]))
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.language == "uk" and sorted(subscription.kinds) == ["library", "news"]
    # The owner of the address gets the link to their preferences instead.
    [message] = mail.outbox
    assert "/digests/manage/" in message.body


@pytest.mark.parametrize(
    "address, reason",
    [
        ("not-an-address", "valid e-mail"),
        ("anna@localhost", "Internet domain"),
        ("anna@[127.0.0.1]", "Internet domain"),
        ("anna@example.123", "valid e-mail"),
        ("anna@mailinator.com", "disposable"),
        ("anna@eu.mailinator.com", "disposable"),
        ("anna@10minutemail.com", "disposable"),
        ("a" * 250 + "@example.org", "254"),
    ],
)
def test_bad_addresses_are_refused_with_the_rule_broken(client, address, reason):
    response = client.post(url("digests:subscribe", language="en"), form_data(email=address))
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("address", ["anna+digest@example.org", "jan.nowak@ngo.org.pl", "olena@ukr.net"])
def test_ordinary_addresses_pass_the_rule(address):
    validate_subscriber_email(address)


@pytest.mark.parametrize(
    "field, value",
    [("kinds", ["news", "spam"]), ("sectors", ["housing", "nope"]), ("voivodeships", ["atlantis"]),
     ("frequency", "hourly"), ("language", "de")],
)
def test_unknown_preference_values_are_rejected(client, field, value):
    response = client.post(url("digests:subscribe"), form_data(**{field: value}))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_consent_is_required(client):
    data = form_data()
    del data["consent"]
    client.post(url("digests:subscribe"), data)
    assert not Subscription.objects.exists()


def test_subscription_flooding_is_rate_limited(client):
    for index in range(10):
        assert client.post(url("digests:subscribe"), form_data(email=f"p{index}@example.org")).status_code == 200
    response = client.post(url("digests:subscribe"), form_data(email="p99@example.org"))
    assert response.status_code == 429
    assert Subscription.objects.count() == 10


def test_one_address_cannot_be_flooded_from_many_addresses(client):
    for index in range(3):
        client.post(url("digests:subscribe"), form_data(), REMOTE_ADDR=f"10.0.0.{index}")
    response = client.post(url("digests:subscribe"), form_data(email="ANNA.kowalska@example.org"),
                           REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_hostile_saved_search_is_escaped(client):
    hostile = "<script>alert(1)</script> onerror=x \u202e"
    response = client.get(url("digests:subscribe") + "?search=" + hostile)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert response.status_code == 200


def test_form_is_accessible_without_javascript(client):
    html = client.get(url("digests:subscribe")).content.decode()
    assert html.count("<h1") == 1
    assert '<label for="id_email"' in html
    assert "<fieldset" in html and "<legend" in html


def test_member_subscribes_from_account_without_round_trip(client, user_factory):
    user = user_factory(email="Member@Example.org", language="en")
    client.force_login(user)
    page = client.get(url("digests:preferences"))
    assert page.status_code == 200
    data = form_data(language="en")
    del data["email"]
    client.post(url("digests:preferences"), data)
    subscription = Subscription.objects.get()
    assert subscription.user == user and subscription.status == Subscription.ACTIVE
    assert subscription.email == "member@example.org"
    consent = ConsentRecord.objects.get()
    assert consent.user == user and consent.purpose == "digests" and "Forum Razem" in consent.text
    # Changing preferences later asks for no new consent.
    data.pop("consent")
    data["frequency"] = "monthly"
    client.post(url("digests:preferences"), data)
    subscription.refresh_from_db()
    assert subscription.frequency == "monthly" and ConsentRecord.objects.count() == 1
    assert not mail.outbox


def test_member_preferences_need_login(client):
    response = client.get(url("digests:preferences"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_manage_link_request_does_not_reveal_subscribers(client):
    unknown = client.post(url("digests:manage_request"), {"email": "nobody@example.org"})
    assert unknown.status_code == 200 and not mail.outbox
    client.post(url("digests:subscribe"), form_data())
    client.post(confirm_link(mail.outbox[0]))
    mail.outbox.clear()
    known = client.post(url("digests:manage_request"), {"email": "anna.kowalska@example.org"})
    assert known.content == unknown.content
    [message] = mail.outbox
    manage = re.search(r"http://testserver(/uk/digests/manage/[^/\s]+/)", message.body).group(1)
    data = form_data(frequency="daily")
    del data["email"], data["consent"]
    client.post(manage, data)
    assert Subscription.objects.get().frequency == "daily"


def test_footer_links_to_the_digest(client, user_factory, home_page):
    html = client.get("/pl/").content.decode()
    assert url("digests:subscribe") in html
    client.force_login(user_factory())
    assert url("digests:preferences") in client.get("/pl/").content.decode()
