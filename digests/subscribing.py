"""Creating, confirming and ending subscriptions (the views stay thin)."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .emails import send_confirmation, send_manage_link
from .forms import CONSENT_TEXT, CONSENT_VERSION
from .models import Consent, Subscription


def verified_user(email):
    """The active account whose verified address is `email`, or None."""
    return (
        get_user_model().objects.filter(
            is_active=True, emailaddress__email__iexact=email, emailaddress__verified=True
        ).first()
    )


def record_consent(subscription, method, confirmed=False):
    """Store the exact consent text shown (in the active language), its version and how it was given."""
    now = timezone.now()
    return Consent.objects.create(
        subscription=subscription, text=str(CONSENT_TEXT), version=CONSENT_VERSION,
        language=translation.get_language() or subscription.language, method=method,
        given_at=now, confirmed_at=now if confirmed else None,
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
                    record_consent(subscription, Consent.WEB_FORM)
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
    subscription.consents.filter(confirmed_at__isnull=True).update(confirmed_at=now)
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
        record_consent(subscription, Consent.ACCOUNT, confirmed=True)
    return subscription


@transaction.atomic
def unsubscribe(subscription):
    """Stop everything for this address; False when it was not subscribed (a replayed link)."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == Subscription.UNSUBSCRIBED:
        return False
    subscription.unsubscribe()
    subscription.save()
    return True


def subscription_of(user):
    """The member's subscription: linked to the account, else under the account's address."""
    return (
        Subscription.objects.filter(user=user).order_by("-created_at").first()
        or Subscription.objects.filter(email=user.email.lower()).first()
    )
