"""Signed, expiring links in e-mails: confirm a subscription, unsubscribe, manage preferences.

A token carries the subscription's id and its current nonce, signed with SECRET_KEY and a
purpose-specific salt, so a token of one purpose never works for another. Rotating the
nonce (on unsubscribe) turns every link sent before into a stale one.
"""

from django.core import signing

from .models import Subscription

CONFIRM, UNSUBSCRIBE, MANAGE = "confirm", "unsubscribe", "manage"
# A contact person's unsubscribe (membership mailings): its own salt, so it never works for a subscription.
CONTACT_UNSUBSCRIBE = "contact-unsubscribe"
MAX_AGE = {
    CONTACT_UNSUBSCRIBE: 365 * 24 * 3600,
    CONFIRM: 3 * 24 * 3600,  # double opt-in links are short-lived
    UNSUBSCRIBE: 120 * 24 * 3600,  # outlives a monthly digest kept for a few months
    MANAGE: 120 * 24 * 3600,
}


class TokenError(Exception):
    """A link that cannot be used; `reason` is "invalid", "expired" or "stale"."""

    def __init__(self, reason, subscription=None):
        super().__init__(reason)
        self.reason = reason
        self.subscription = subscription


class _SignedAt(signing.TimestampSigner):
    """A timestamp signer whose timestamp is a given moment instead of now."""

    def __init__(self, at, **kwargs):
        super().__init__(**kwargs)
        self.at = at

    def timestamp(self):
        return signing.b62_encode(int(self.at.timestamp()))


def make_token(subscription, purpose, issued_at=None):
    """A URL-safe signed token for `purpose` on `subscription` (or a Contact: anything with a token nonce).

    `issued_at` (default: now) fixes the signed timestamp, so the token of one delivery is the
    same string however often its e-mail is built (a re-send after a crash is byte-identical);
    the token's age, and so its expiry, counts from that moment.
    """
    payload = {"s": subscription.pk, "n": subscription.token_nonce}
    if issued_at is None:
        return signing.dumps(payload, salt=f"digests.{purpose}", compress=True)
    return _SignedAt(issued_at, salt=f"digests.{purpose}").sign_object(payload, compress=True)


def read_token(token, purpose, max_age=None, model=Subscription):
    """The subscription (or `model` row) the token names; raises TokenError when tampered, expired or stale."""
    try:
        payload = signing.loads(token, salt=f"digests.{purpose}", max_age=max_age or MAX_AGE[purpose])
    except signing.SignatureExpired:
        raise TokenError("expired") from None
    except signing.BadSignature:
        raise TokenError("invalid") from None
    if not isinstance(payload, dict):
        raise TokenError("invalid")
    subscription = model.objects.filter(pk=payload.get("s")).first()
    if subscription is None:
        raise TokenError("invalid")
    if subscription.token_nonce != payload.get("n"):
        # Unsubscribed (and maybe subscribed again) since: the link belonged to the old subscription.
        raise TokenError("stale", subscription)
    return subscription
