"""The directory's part of the member's first hour (accounts.start): a person's organisations.

accounts sits below the directory, so it asks for them through the two readers handed over
here when the directory starts (DirectoryConfig.ready -> accounts.start.read_organisations_with).
"""

from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save

from core.request_memo import forget_request_memo, request_memo
from home import frame, versions

from .models import Membership, OrganisationPage, Registration


def open_registrations(user):
    """The person's registrations that are not approved yet (pending, changes requested, rejected), newest
    first; asked once per request (core.request_memo) by the account menu and the next-step page.

    Every signed-in page asks (the account menu), and most people have none: the answer is kept per
    person (home.frame.cached) under the registrations' version, which every registration written
    bumps on commit (signals for saves, deletes and cascades; Registration's QuerySet for bulk
    writes), and the frame's, which a publication (an organisation's new name) bumps. It only
    labels the menu: who may see or edit a registration is read from the database by its views."""
    def read():
        return list(
            Registration.objects.filter(user=user).exclude(status=Registration.APPROVED)
            .only("status", "submitted_at", "organisation_id", "user_id")
            .prefetch_related(Prefetch("organisation", OrganisationPage.objects.only("title")))
            .order_by("-submitted_at"))

    return request_memo(("accounts:open-registrations", user.pk), lambda: frame.cached(
        ("accounts:open-registrations", user.pk, versions.request_current(Registration.READ_MODEL_VERSION)), read))


def memberships_of(user):
    """The person's organisation memberships with their organisations, by name."""
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__title"))


def _registration_written(**kwargs):
    versions.bump(Registration.READ_MODEL_VERSION)
    forget_request_memo()


def connect_signals():
    """A request that writes a membership or a registration sees it in its account menu; every request
    after a registration is written (or deleted with its organisation) reads the registrations again."""
    for signal in (post_save, post_delete):
        signal.connect(forget_request_memo, sender="directory.Membership",
                       dispatch_uid=f"accounts-start-directory.Membership-{signal}")
        signal.connect(_registration_written, sender="directory.Registration",
                       dispatch_uid=f"accounts-start-directory.Registration-{signal}")
