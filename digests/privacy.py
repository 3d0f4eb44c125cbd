"""Personal data held by digests (hooks of accounts.privacy): export, erasure, retention."""

import datetime

from accounts.models import ConsentRecord

from .models import Contact, Delivery, Subscription

PENDING_DAYS = 7  # an unconfirmed sign-up is forgotten after a week
DELIVERY_LOG_DAYS = 400  # the delivery log is kept a little over a year, then dropped


def _address_consents(user):
    return ConsentRecord.objects.filter(
        user__isnull=True, email__iexact=user.email, purpose=ConsentRecord.Purpose.DIGESTS
    )


def _subscriptions(user):
    return Subscription.objects.filter(user=user) | Subscription.objects.filter(email=user.email.lower())


def _contacts(user):
    return Contact.objects.filter(user=user) | Contact.objects.filter(email=user.email.lower())


def export_personal_data(user):
    """The person's subscriptions, their preferences and consents, and what was sent to them."""
    return {
        "subscriptions": [
            {
                "email": subscription.email,
                "status": subscription.status,
                "language": subscription.language,
                "frequency": subscription.frequency,
                "kinds": subscription.kinds,
                "sectors": [term.code for term in subscription.sectors.all()],
                "voivodeships": [term.code for term in subscription.voivodeships.all()],
                "saved_search": subscription.saved_search,
                "created_at": subscription.created_at.isoformat(),
                "confirmed_at": subscription.confirmed_at.isoformat() if subscription.confirmed_at else None,
                "deliveries": [
                    {"key": key, "state": state, "sent_at": sent_at.isoformat() if sent_at else None}
                    for key, state, sent_at in subscription.deliveries.values_list("key", "state", "sent_at")
                ],
            }
            for subscription in _subscriptions(user).distinct().prefetch_related("sectors", "voivodeships")
        ],
        "contact_person": [
            {"email": contact.email, "name": contact.name, "language": contact.language, "status": contact.status,
             "unsubscribed_at": contact.unsubscribed_at.isoformat() if contact.unsubscribed_at else None,
             "mailings": [
                 {"key": key, "state": state, "sent_at": sent_at.isoformat() if sent_at else None}
                 for key, state, sent_at in contact.deliveries.values_list("key", "state", "sent_at")
             ]}
            for contact in _contacts(user).distinct()
        ],
        # Consents given by address before the account existed (accounts exports the account's own).
        "consents_by_address": [
            {"text": consent.text, "version": consent.version, "method": consent.method,
             "given_at": consent.given_at.isoformat(),
             "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None}
            for consent in _address_consents(user)
        ],
    }


def erase_personal_data(user):
    """Delete the person's subscriptions and delivery log; blank their address-only consent records."""
    subscriptions = _subscriptions(user).distinct()
    count = subscriptions.count()
    Subscription.objects.filter(pk__in=list(subscriptions.values_list("pk", flat=True))).delete()
    # Like accounts does for the account's consents: the record of the act stays, the person goes.
    consents = _address_consents(user).update(email="", text="")
    # A contact person who unsubscribed keeps only the address and the opt-out (a suppression entry,
    # so a directory profile still naming them never brings the mailings back); others are deleted.
    contacts = _contacts(user).distinct()
    Contact.objects.filter(pk__in=list(contacts.values_list("pk", flat=True))).exclude(
        status=Contact.UNSUBSCRIBED).delete()
    Contact.objects.filter(pk__in=list(contacts.values_list("pk", flat=True))).update(name="", user=None)
    return {"subscriptions": count, "address_consents": consents}


def purge_expired(now):
    """Forget unconfirmed sign-ups after PENDING_DAYS and delivery records after DELIVERY_LOG_DAYS."""
    pending = Subscription.objects.filter(
        status=Subscription.PENDING, created_at__lt=now - datetime.timedelta(days=PENDING_DAYS)
    ).delete()[0]
    deliveries = Delivery.objects.filter(
        created_at__lt=now - datetime.timedelta(days=DELIVERY_LOG_DAYS),
        state__in=[Delivery.SENT, Delivery.SKIPPED, Delivery.FAILED],
    ).delete()[0]
    return {"pending_subscriptions": pending, "deliveries": deliveries}
