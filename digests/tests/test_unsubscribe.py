"""One-click unsubscribe links: valid, tampered, expired, replayed, stale; RFC 8058 POST."""

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from accounts.consent import record_consent, withdraw_consent
from accounts.models import ConsentRecord
from digests.delivery import plan_digest
from digests.factories import SubscriptionFactory
from digests.models import Subscription
from digests.tokens import CONFIRM, MANAGE, UNSUBSCRIBE, TokenError, make_token, read_token

pytestmark = pytest.mark.django_db


def unsubscribe_url(token, language="pl"):
    with translation.override(language):
        return reverse("digests:unsubscribe", args=[token])


@pytest.fixture
def subscription():
    return SubscriptionFactory(email="olena@example.org", language="uk")


def test_one_click_post_without_csrf_unsubscribes(subscription):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_url(make_token(subscription, UNSUBSCRIBE)),
                           "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED and subscription.unsubscribed_at


def test_get_only_asks(client, subscription):
    response = client.get(unsubscribe_url(make_token(subscription, UNSUBSCRIBE)))
    assert response.status_code == 200 and "<form" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active


def test_tampered_token_is_refused(client, subscription):
    token = make_token(subscription, UNSUBSCRIBE)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(unsubscribe_url(tampered))
    assert response.status_code == 400
    subscription.refresh_from_db()
    assert subscription.is_active


def test_token_of_another_purpose_is_refused(client, subscription):
    response = client.post(unsubscribe_url(make_token(subscription, MANAGE)))
    assert response.status_code == 400
    with pytest.raises(TokenError):
        read_token(make_token(subscription, UNSUBSCRIBE), CONFIRM)


def test_forged_payload_for_someone_else_is_refused(client, subscription):
    other = SubscriptionFactory()
    forged = signing.dumps({"s": other.pk, "n": other.token_nonce}, salt="digests.unsubscribe", key="guessed")
    assert client.post(unsubscribe_url(forged)).status_code == 400
    other.refresh_from_db()
    assert other.is_active


def test_expired_token_offers_a_new_link(client, subscription, monkeypatch):
    token = make_token(subscription, UNSUBSCRIBE)
    monkeypatch.setitem(__import__("digests.tokens").tokens.MAX_AGE, UNSUBSCRIBE, -1)
    response = client.post(unsubscribe_url(token))
    assert response.status_code == 410
    assert reverse("digests:manage_request") in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active


def test_replayed_token_changes_nothing(client, subscription):
    url = unsubscribe_url(make_token(subscription, UNSUBSCRIBE))
    client.post(url)
    subscription.refresh_from_db()
    first = subscription.unsubscribed_at
    replay = client.post(url)
    assert replay.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at == first


def test_old_link_does_not_end_a_new_subscription(client, subscription):
    url = unsubscribe_url(make_token(subscription, UNSUBSCRIBE))
    client.post(url)
    subscription.refresh_from_db()
    subscription.activate()
    subscription.save()
    response = client.post(url)
    assert response.status_code == 400
    subscription.refresh_from_db()
    assert subscription.is_active


@pytest.mark.parametrize("garbage", ["x", "%00", "a" * 3000, "..%2F..%2Fetc"])
def test_garbage_tokens_never_500(client, garbage):
    for name in ("digests:unsubscribe", "digests:confirm", "digests:manage"):
        with translation.override("pl"):
            try:
                url = reverse(name, args=[garbage])
            except Exception:  # noqa: BLE001 — not even routable
                continue
        assert client.get(url).status_code in (400, 404)


def test_unsubscribing_withdraws_the_consent(client):
    subscription = SubscriptionFactory(email="olena@example.org")
    record_consent(None, "digests", "text", "subscription-form", email="olena@example.org", version="1")
    client.post(unsubscribe_url(make_token(subscription, UNSUBSCRIBE)))
    assert ConsentRecord.objects.get().withdrawn_at is not None


def test_withdrawal_in_the_privacy_dashboard_ends_the_subscription(client, user_factory):
    user = user_factory(email="member@example.org")
    subscription = SubscriptionFactory(email="member@example.org", user=user)
    record_consent(user, "digests", "text", "subscription-form", version="1")
    plan_digest("weekly")
    subscription.refresh_from_db()
    assert subscription.is_active
    withdraw_consent(user, "digests")
    plan_digest("weekly")
    subscription.refresh_from_db()
    assert subscription.status == Subscription.UNSUBSCRIBED
