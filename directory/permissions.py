"""Who may do what with an organisation: the helpers every app should use.

Memberships hang on an organisation's page in the default language; every helper
accepts any translation of the page (it matches on `translation_key`).
"""

from django.conf import settings

from accounts.roles import is_secretariat

from .models import Membership, OrganisationPage

# Where reader_roles keeps its answer on the user object (one lookup per request: request.user lives as long).
ROLES_ATTR = "_directory_roles"


def reader_roles(user):
    """{organisation translation key: role} of `user`'s memberships, in ONE query.

    Kept on the user object, so every permission check of a request after the first costs
    nothing; saving or deleting a Membership of that user object forgets it (signals.py).
    Editors (`is_editor`) are told by the reader's groups, not by this query.
    """
    if not getattr(user, "is_authenticated", False):
        return {}
    roles = getattr(user, ROLES_ATTR, None)
    if roles is None:
        roles = {}
        for key, role in Membership.objects.filter(user=user).values_list("organisation__translation_key", "role"):
            if roles.get(key) != Membership.MANAGER:
                roles[key] = role
        setattr(user, ROLES_ATTR, roles)
    return roles


def forget_roles(user):
    """Drop the roles kept on this user object (after its memberships or groups change)."""
    if user is not None:
        user.__dict__.pop(ROLES_ATTR, None)


def is_editor(user):
    """Superusers and the Secretariat moderate and edit every organisation (accounts.roles.is_secretariat:
    from the reader's groups, which home.frame.user_groups reads once per request for the page's
    access checks too; no membership query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_secretariat(user)


def _role(user, organisation):
    if organisation is None:
        return None
    return reader_roles(user).get(organisation.translation_key)


def is_member(user, organisation):
    """True when `user` belongs to `organisation` (as member or manager)."""
    return _role(user, organisation) is not None


def is_manager(user, organisation):
    """True when `user` manages `organisation` (invites colleagues, receives reminders)."""
    return _role(user, organisation) == Membership.MANAGER


def can_edit_organisation(user, organisation):
    """Members edit their own organisation; editors edit every one."""
    return is_editor(user) or is_member(user, organisation)


def is_partnership_party(user, partnership):
    """True when `user` may read a partnership's message and see it before it is accepted:
    members of the two organisations and the Secretariat (editors)."""
    return (is_editor(user) or is_member(user, partnership.need.organisation)
            or is_member(user, partnership.offer.organisation))


def can_manage_members(user, organisation):
    """Managers invite and remove colleagues; editors may too."""
    return is_editor(user) or is_manager(user, organisation)


def can_view_contact(user, organisation):
    """The contact person is seen by editors and the organisation's own members only."""
    return can_edit_organisation(user, organisation)


def organisations_of(user):
    """The organisations (pages in the default language, any state) `user` belongs to."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationPage.objects.none()
    return OrganisationPage.objects.filter(memberships__user=user).distinct().order_by("title")


def organisations_managed_by(user):
    """The organisations (pages in the default language) that `user` manages."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationPage.objects.none()
    # One filter() call: the user's OWN membership must be the manager's (two chained filters on
    # `memberships` would match any organisation the user belongs to that has some manager).
    return OrganisationPage.objects.filter(
        memberships__user=user, memberships__role=Membership.MANAGER).distinct().order_by("title")


def live_member_organisations():
    """Every published member organisation: the live pages in the default language."""
    return OrganisationPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def managers_of(organisation):
    """The users who manage `organisation` (any translation of it)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        directory_memberships__organisation__translation_key=organisation.translation_key,
        directory_memberships__role=Membership.MANAGER,
        is_active=True,
    ).distinct()


def members_of(organisation):
    """Every active user who belongs to `organisation`."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        directory_memberships__organisation__translation_key=organisation.translation_key, is_active=True,
    ).distinct()
