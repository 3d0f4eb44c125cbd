"""Who may do what with a position. Every check reads Wagtail's page permissions or the directory's
memberships (accounts.affiliations, the user's `directory_memberships`), never a cache.

- owners: whoever may edit the position's page in Wagtail (the Secretariat everywhere, a group's
  coordinators in their group's space): they answer comments and export the signatories;
- members: people who belong to a member organisation: they read and write comments;
- managers: they sign (and withdraw) for the organisations they manage;
- the Secretariat alone sees who signed for an organisation.
"""

from accounts.affiliations import organisations_managed_by, organisations_of
from accounts.roles import is_secretariat


def is_owner(user, position):
    """True when `user` may edit the position's authoritative page (Wagtail's own rules)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return position.canonical.permissions_for_user(user).can_edit()


def commenting_organisations(user):
    """The live member organisations on whose behalf `user` may comment."""
    return organisations_of(user).live()


def signing_organisations(user):
    """The live member organisations `user` manages (and so may sign for)."""
    return organisations_managed_by(user).live()


def reader_organisations(user):
    """([live organisations the user belongs to], [those they manage]) by name, in one query: the
    same answers as commenting_organisations and signing_organisations."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    # The directory's memberships through their foreign key to the user ("user" read too: the related
    # manager sets it on each row from its own field).
    memberships = (user.directory_memberships.filter(organisation__live=True).select_related("organisation")
                   .only("role", "user", "organisation__id", "organisation__title").order_by("organisation__title"))
    organisations, managed = [], []
    for membership in memberships:
        organisations.append(membership.organisation)
        if membership.role == membership.MANAGER:
            managed.append(membership.organisation)
    return organisations, managed


def can_read_comments(user, position):
    """Members of organisations, the position's owners and the Secretariat read the consultation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_secretariat(user) or commenting_organisations(user).exists() or is_owner(user, position)


def sees_signers(user):
    """Only the Secretariat sees who signed for an organisation (others see the organisation)."""
    return getattr(user, "is_authenticated", False) and is_secretariat(user)
