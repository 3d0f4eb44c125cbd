"""Who may do what with an organisation: the helpers every app should use.

Memberships hang on an organisation's page in the default language; every helper
accepts any translation of the page (it matches on `translation_key`).
"""

from accounts.roles import SECRETARIAT

from .models import Membership, OrganisationPage


def is_editor(user):
    """Superusers and the Secretariat moderate and edit every organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_directory_is_editor", None)
    if cached is None:
        cached = user._directory_is_editor = user.groups.filter(name=SECRETARIAT).exists()
    return cached


def _memberships(user, organisation):
    if not getattr(user, "is_authenticated", False) or organisation is None:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, organisation__translation_key=organisation.translation_key)


def is_member(user, organisation):
    """True when `user` belongs to `organisation` (as member or manager)."""
    return _memberships(user, organisation).exists()


def is_manager(user, organisation):
    """True when `user` manages `organisation` (invites colleagues, receives reminders)."""
    return _memberships(user, organisation).filter(role=Membership.MANAGER).exists()


def can_edit_organisation(user, organisation):
    """Members edit their own organisation; editors edit every one."""
    return is_editor(user) or is_member(user, organisation)


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
    return organisations_of(user).filter(memberships__role=Membership.MANAGER)


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
