"""Creating, confirming and ending subscriptions (the views stay thin)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts import consent as accounts_consent
from accounts.models import ConsentRecord

from .emails import send_confirmation, send_manage_link
from .forms import CONSENT_TEXT, CONSENT_VERSION
from .models import Subscription


def verified_user(email):
    """The active account whose verified address is `email`, or None."""
    return (
        get_user_model().objects.filter(
            is_active=True, emailaddress__email__iexact=email, emailaddress__verified=True
        ).first()
    )


def record_consent(subscription):
    """Store the consent in accounts' consent log: its time, the exact text shown (in the active
    language), its version and how it was given (the subscription form; `user` says whether from
    an account). Recorded when it takes effect: on confirmation, or at once from a verified account."""
    return accounts_consent.record_consent(
        subscription.user, ConsentRecord.Purpose.DIGESTS, CONSENT_TEXT, ConsentRecord.Method.SUBSCRIPTION,
        email=subscription.email, version=CONSENT_VERSION,
    )


def withdraw_consents(subscription, when):
    """Stamp the address's (and account's) digest consents as withdrawn."""
    owner = Q(email__iexact=subscription.email)
    if subscription.user_id:
        owner |= Q(user_id=subscription.user_id)
    return ConsentRecord.objects.filter(owner, purpose=ConsentRecord.Purpose.DIGESTS, withdrawn_at__isnull=True).update(
        withdrawn_at=when
    )


def apply_preferences(subscription, data):
    """Copy cleaned preference fields onto the subscription (saved) and its relations."""
    for name in ("language", "frequency", "kinds", "saved_search"):
        setattr(subscription, name, data[name])
    subscription.save()
    subscription.sectors.set(data["sectors"])
    subscription.voivodeships.set(data["voivodeships"])


def subscribe_by_form(data):
    """Public sign-up: a pending subscription and a confirmation e-mail (double opt-in).

    An address that is already active gets an e-mail with its preferences link instead,
    and the page says the same in both cases, so the form reveals nobody's subscription.
    """
    email = data["email"]
    for _attempt in range(2):
        try:
            with transaction.atomic():
                subscription = Subscription.objects.select_for_update().filter(email=email).first()
                if subscription is not None and subscription.is_active:
                    notify = send_manage_link
                else:
                    subscription = subscription or Subscription(email=email)
                    subscription.status = Subscription.PENDING
                    apply_preferences(subscription, data)
                    notify = send_confirmation
            break
        except IntegrityError:
            continue  # the same address was just created by a concurrent request: take that one
    else:
        raise IntegrityError(f"cannot subscribe {email}")
    # Sent after the commit: the link must never name a subscription that was rolled back.
    notify(subscription)
    return subscription


@transaction.atomic
def confirm(subscription):
    """Double opt-in done: activate, confirm the consent, link the account. False when already active."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.is_active:
        return False
    now = timezone.now()
    subscription.activate(now)
    subscription.user = subscription.user or verified_user(subscription.email)
    subscription.save()
    record_consent(subscription)
    return True


@transaction.atomic
def subscribe_member(user, data, subscription=None):
    """A member (verified address) subscribes or changes preferences from their account; no e-mail round trip."""
    if subscription is None:
        subscription = Subscription.objects.select_for_update().filter(email=user.email.lower()).first()
    subscription = subscription or Subscription(email=user.email)
    subscription.user = user
    was_active = subscription.is_active
    if not was_active:
        subscription.activate()
    apply_preferences(subscription, data)
    if not was_active:
        record_consent(subscription)
    return subscription


@transaction.atomic
def unsubscribe(subscription):
    """Stop everything for this address; False when it was not subscribed (a replayed link)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == Subscription.UNSUBSCRIBED:
        return False
    subscription.unsubscribe()
    subscription.save()
    withdraw_consents(subscription, subscription.unsubscribed_at)
    return True


def subscription_of(user):
    """The member's subscription: linked to the account, else under the account's address."""
    return (
        Subscription.objects.filter(user=user).order_by("-created_at").first()
        or Subscription.objects.filter(email=user.email.lower()).first()
    )
