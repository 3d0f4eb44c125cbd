"""A person's roles in organisations, for the apps that act on an organisation's behalf (a member of a working
group represents one; member updates, the common voice and the innovations catalogue act for one).

Organisations and memberships are the directory's, and the directory sits above accounts
(docs/architecture.md "Layers"): it hands its readers over when it starts, all in one call (DirectoryConfig.ready
-> `read_affiliations_with`), as it does for accounts.start, so those apps ask here and import no directory.
Without the directory nobody belongs to any organisation: every reader answers none (or False).
"""

from django.contrib.auth import get_user_model
from wagtail.models import Page

from core.handover import Readers


def _no_organisations(*args):
    return Page.objects.none()


def _nobody(organisation):
    return get_user_model().objects.none()


def _not_a_member(user, organisation):
    return False


_readers = Readers(
    "affiliation readers",
    organisations_of=_no_organisations,
    organisations_managed_by=_no_organisations,
    live_member_organisations=_no_organisations,
    is_member=_not_a_member,
    managers_of=_nobody,
    members_of=_nobody,
)


def read_affiliations_with(**readers):
    """Take the directory's readers, by the names of the functions below (DirectoryConfig.ready)."""
    _readers.take(**readers)


def organisations_of(user):
    """The organisations (pages in the default language, any state, a queryset ordered by name) `user` belongs
    to; none for anonymous visitors (the directory's `directory.permissions.organisations_of`)."""
    return _readers["organisations_of"](user)


def organisations_managed_by(user):
    """The organisations (pages in the default language, any state, a queryset ordered by name) `user` manages;
    none for anonymous visitors (`directory.permissions.organisations_managed_by`)."""
    return _readers["organisations_managed_by"](user)


def live_member_organisations():
    """Every published member organisation, a queryset of their pages in the default language
    (`directory.permissions.live_member_organisations`)."""
    return _readers["live_member_organisations"]()


def is_member(user, organisation):
    """True when `user` belongs to `organisation` (any translation of it), as member or manager
    (`directory.permissions.is_member`)."""
    return _readers["is_member"](user, organisation)


def managers_of(organisation):
    """The active users who manage `organisation` (any translation of it), a queryset
    (`directory.permissions.managers_of`)."""
    return _readers["managers_of"](organisation)


def members_of(organisation):
    """Every active user who belongs to `organisation` (any translation of it), a queryset
    (`directory.permissions.members_of`)."""
    return _readers["members_of"](organisation)
