"""Who may see which pages: Wagtail view restrictions applied to listings, feeds and exports.

Wagtail's `PageQuerySet.public()` hides every restricted page from everyone. Listings
of the workspace must instead show members the members-only pages they may read, and
nobody else: `visible_pages_for(user, queryset)` does this with the same rules as
`PageViewRestriction.accept_request` (password-protected pages never appear in listings).
Search, digests and APIs should filter through it too.
"""

from django.db.models import Q
from wagtail.models import BaseViewRestriction, PageViewRestriction


def _user_group_ids(user):
    from home.frame import user_groups

    return user_groups(user).ids


def restriction_passes(restriction_type, group_ids, user):
    """Does `user` pass a restriction of this type whose allowed groups are `group_ids`?"""
    if restriction_type == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction_type == BaseViewRestriction.GROUPS:
        return user.is_authenticated and (user.is_superuser or bool(set(group_ids) & _user_group_ids(user)))
    # Passwords are per browser session, never a reason to list a page.
    return False


def all_restrictions():
    """[(restriction type, page path, allowed group ids)] of every page view restriction.

    Two queries, then kept in the frame cache (home.frame) until the next change to a
    restriction, its groups or any page (moves change paths): every such change replaces the
    frame version, again when its transaction commits.
    """
    from home import frame

    def compute():
        restrictions = list(PageViewRestriction.objects.values_list("pk", "restriction_type", "page__path"))
        groups = {}
        if any(kind == BaseViewRestriction.GROUPS for _pk, kind, _path in restrictions):
            links = PageViewRestriction.groups.through.objects.values_list("pageviewrestriction_id", "group_id")
            for restriction_id, group_id in links:
                groups.setdefault(restriction_id, set()).add(group_id)
        return [(kind, path, frozenset(groups.get(pk, ()))) for pk, kind, path in restrictions]

    return frame.cached(("groups", "view-restrictions"), compute, guards_access=True)


def hidden_paths_for(user):
    """Tree paths of restricted pages that `user` cannot read (their subtrees are hidden too)."""
    return [path for kind, path, group_ids in all_restrictions() if not restriction_passes(kind, group_ids, user)]


def visible_pages_for(user, queryset):
    """Narrow a page queryset to the pages `user` may read under Wagtail's view restrictions.

    Works for any Page or specific-page queryset (it filters on the tree path), costs at most
    three small queries once per user object (a request's user; none once the restrictions are
    cached and for anonymous visitors), and does not filter on `live`:
    callers add `.live()` as they need.
    """
    paths = getattr(user, "_groups_hidden_paths", None)
    if paths is None:
        paths = hidden_paths_for(user)
        user._groups_hidden_paths = paths
    if not paths:
        return queryset
    hidden = Q()
    for path in paths:
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden)


def can_view(user, page):
    """May `user` read `page` (every restriction on it and its ancestors passes)?"""
    for restriction in page.get_view_restrictions().prefetch_related("groups"):
        group_ids = [group.pk for group in restriction.groups.all()]
        if not restriction_passes(restriction.restriction_type, group_ids, user):
            return False
    return True


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
    from accounts.roles import secretariat_group

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
