"""Personal data across the apps: export, erasure and retention.

Each app that keeps personal data provides `<app>/privacy.py` with any of:
- `export_personal_data(user) -> dict`: section name → JSON-serialisable records about `user`;
- `erase_personal_data(user) -> dict`: erase or anonymise them, return counts by kind;
- `purge_expired(now) -> dict`: apply the app's retention rules, return counts by kind;
- `consent_withdrawn(user, purpose) -> int`: stop using what that consent covered, return how many records.
Content that belongs to an organisation or a group stays, with its author anonymised.
This module (the accounts app's own hooks) covers the account itself and consents.
"""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core.discovery import app_modules

logger = logging.getLogger(__name__)
ERASED_NAME = "—"


def _app_hooks(name):
    """Yield (app label, function) for every local app that defines `name` in its privacy module."""
    for app, module in app_modules("privacy"):
        function = getattr(module, name, None)
        if function is not None:
            yield app, function


def collect_personal_data(user):
    """Everything the site holds about `user`, by app and section (JSON-serialisable)."""
    data = {"generated_at": timezone.now().isoformat()}
    for app, export in _app_hooks("export_personal_data"):
        data[app] = export(user)
    return data


def erase_user(user, actor=None):
    """Erase or anonymise `user`'s personal data everywhere, then the account itself; returns counts."""
    from .audit import record

    # The account's own hook rewrites the e-mail address, so it runs last: other apps may
    # still need the address to find what they hold about the person.
    hooks = sorted(_app_hooks("erase_personal_data"), key=lambda hook: hook[0] == "accounts")
    with transaction.atomic():
        counts = {app: erase(user) for app, erase in hooks}
        record(user, "razem.erasure", user=actor, counts=counts)
    return counts


def apply_withdrawal(user, purpose):
    """Withdraw `user`'s consent for `purpose` and let each app drop what it covered; {app: count} or None.

    None when there was no active consent to withdraw (nothing changes, nothing is logged).
    """
    from .audit import record
    from .consent import withdraw_consent

    with transaction.atomic():
        if not withdraw_consent(user, purpose):
            return None
        counts = {app: hook(user, purpose) for app, hook in _app_hooks("consent_withdrawn")}
        record(user, "razem.consent_withdrawn", user=user, purpose=purpose, counts=counts)
    return counts


def apply_retention(now=None):
    """Apply every app's retention rules (a scheduled task); logs and returns the counts."""
    now = now or timezone.now()
    counts = {app: purge(now) for app, purge in _app_hooks("purge_expired")}
    logger.info("retention purge: %s", counts)
    return counts


# --- the accounts app's own hooks -------------------------------------------------------------


def export_personal_data(user):
    """The account, its e-mail addresses, consents and exports requested."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
        "consents": [
            {
                "purpose": consent.purpose,
                "version": consent.version,
                "text": consent.text,
                "method": consent.method,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in user.consents.all()
        ],
        "data_exports": [export.requested_at.isoformat() for export in user.data_exports.all()],
    }


def erase_personal_data(user):
    """Anonymise the account (kept as an empty shell so authored content keeps a placeholder author)."""
    user_id = user.pk
    # Log labels are the objects' names when logged: a membership's reads "Name · Organisation".
    # The entries stay (who did what), the person's name and address leave their labels.
    counts = {"log_labels_scrubbed": _scrub_log_labels([user.get_full_name(), user.email])}
    counts.update({
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
        "data_exports": user.data_exports.all().delete()[0],
        "consents": user.consents.update(email="", text=""),
    })
    counts["admin_profile"] = _erase_admin_profile(user)
    user.email = f"erased-{user_id}@invalid"
    user.username = f"erased-{user_id}"
    user.first_name = user.last_name = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    # The log keeps who did what, but not the person's name or address in its labels.
    counts["log_labels"] = ModelLogEntry.objects.filter(
        content_type__app_label="accounts", object_id=str(user_id)
    ).update(label=ERASED_NAME)
    return counts


def _erase_admin_profile(user):
    """Delete the person's Wagtail admin profile, and its avatar file with it; returns 0 or 1."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return 0
    if profile.avatar:
        profile.avatar.delete(save=False)
    profile.delete()
    return 1


def _scrub_log_labels(names):
    """Replace each of `names` (long enough to be specific) by ERASED_NAME in every audit log label."""
    from django.db.models import Value
    from django.db.models.functions import Replace
    from wagtail.models import PageLogEntry

    scrubbed = 0
    for name in {name.strip() for name in names if name and len(name.strip()) >= 5}:
        for model in (ModelLogEntry, PageLogEntry):
            scrubbed += model.objects.filter(label__contains=name).update(
                label=Replace("label", Value(name), Value(ERASED_NAME)))
    return scrubbed


def purge_expired(now):
    """Delete accounts never verified within ACCOUNT_UNVERIFIED_DAYS and data exports past expiry."""
    from datetime import timedelta

    from .models import DataExport, User

    cutoff = now - timedelta(days=settings.ACCOUNT_UNVERIFIED_DAYS)
    unverified = User.objects.filter(date_joined__lt=cutoff, last_login__isnull=True, is_staff=False).exclude(
        emailaddress__verified=True
    )
    expired = DataExport.objects.filter(expires_at__lt=now).exclude(status=DataExport.Status.EXPIRED)
    unverified_count = unverified.count()
    unverified.delete()
    return {
        "unverified_accounts": unverified_count,
        "expired_exports": expired.update(status=DataExport.Status.EXPIRED, content=None),
    }
