"""Who may do what in the discussions; built on a person's roles in the working groups (accounts.group_roles:
the groups app's membership and role helpers, handed over when it starts)."""

from accounts.group_roles import can_manage_group, is_member, membership_of
from accounts.roles import grant, is_secretariat, secretariat_group


def can_read(user, thread):
    """May `user` read `thread`? Members-only threads: the group's members, coordinators, Secretariat."""
    if not user.is_authenticated:
        return False
    if thread.visibility == thread.Visibility.REGISTERED or is_secretariat(user):
        return True
    return is_member(user, thread.group)


def can_post(user, group_page):
    """Only the group's active members (coordinators included) and the Secretariat write in its threads."""
    return user.is_authenticated and (is_secretariat(user) or is_member(user, group_page))


def can_moderate(user, group_page):
    """The group's coordinators and the Secretariat pin, lock, move threads and hide posts."""
    return can_manage_group(user, group_page)


def rights(user, group_page):
    """(may post, may moderate) in the group, from one membership query."""
    if not user.is_authenticated:
        return False, False
    if is_secretariat(user):
        return True, True
    membership = membership_of(user, group_page)
    active = membership is not None and membership.is_active
    return active, active and membership.is_coordinator


SECRETARIAT_MODEL_PERMISSIONS = [
    "view_report", "change_report", "view_thread", "change_thread", "view_post", "change_post",
    "view_organisationupdate", "change_organisationupdate",
]


def ensure_secretariat_rights(**kwargs):
    """Let the Secretariat handle reports and moderate in the admin (post_migrate; idempotent)."""
    grant(secretariat_group(), "community", SECRETARIAT_MODEL_PERMISSIONS)
