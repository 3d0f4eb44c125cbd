"""Restricting a working group's pages: members only, signed-in readers only, or public again.

These write Wagtail view restrictions (editors do the same with a page's Privacy setting);
who may then read what — in listings, feeds, exports, search, digests — is core.access,
the one place Wagtail's rules are applied outside serving a page.
"""

from wagtail.models import BaseViewRestriction, PageViewRestriction

from accounts.roles import secretariat_group


def _restrict(page, restriction_type, groups=()):
    """Replace the page's own view restriction (a page carries at most one of ours)."""
    from django.db import transaction

    with transaction.atomic():
        PageViewRestriction.objects.filter(page=page).delete()
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)
        if groups:
            restriction.groups.set(groups)
    return restriction


def restrict_to_members(page, group_page):
    """Make `page` (and its subtree) readable only by the group's members, its coordinators and the
    Secretariat. Editors can do the same in the admin with the page's Privacy setting."""
    from .roles import ensure_space, space_of

    space = space_of(group_page) or ensure_space(group_page)
    groups = [space.members, space.coordinators, secretariat_group()]
    return _restrict(page, BaseViewRestriction.GROUPS, groups)


def restrict_to_registered(page):
    """Make `page` (and its subtree) readable by every signed-in member of the Forum."""
    return _restrict(page, BaseViewRestriction.LOGIN)


def make_public(page):
    """Remove the page's own view restriction."""
    PageViewRestriction.objects.filter(page=page).delete()
