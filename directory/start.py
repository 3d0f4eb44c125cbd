"""The directory's part of the member's first hour (accounts.start): a person's organisations.

accounts sits below the directory, so it asks for them through the two readers handed over
here when the directory starts (DirectoryConfig.ready -> accounts.start.read_organisations_with).
"""

from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save

from core.request_memo import forget_request_memo, request_memo

from .models import Membership, OrganisationPage, Registration


def open_registrations(user):
    """The person's registrations that are not approved yet (pending, changes requested, rejected), newest
    first; asked once per request (core.request_memo) by the account menu and the next-step page.

    Every signed-in page asks (the account menu), and most people have none: the registrations come
    in one plain query, and the organisations' names (all that those two show of them) in a second
    one only when there are any, rather than a join of the organisation page on every page."""
    return request_memo(("accounts:open-registrations", user.pk), lambda: list(
        Registration.objects.filter(user=user).exclude(status=Registration.APPROVED)
        .only("status", "submitted_at", "organisation_id", "user_id")
        .prefetch_related(Prefetch("organisation", OrganisationPage.objects.only("title")))
        .order_by("-submitted_at")
    ))


def memberships_of(user):
    """The person's organisation memberships with their organisations, by name."""
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__title"))


def connect_signals():
    """A request that writes a membership or a registration sees it in its account menu."""
    for sender in ("directory.Membership", "directory.Registration"):
        for signal in (post_save, post_delete):
            signal.connect(forget_request_memo, sender=sender, dispatch_uid=f"accounts-start-{sender}-{signal}")
