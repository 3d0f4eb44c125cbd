"""Who may read which page: Wagtail's view restrictions, applied everywhere the same way.

Wagtail decides access while serving a page (its `before_serve_page` hook asks
`Page.get_view_restrictions()` and `PageViewRestriction.accept_request(request)`); we let it.
Everything else that shows pages — listings, feeds, APIs, search, digests, a view that acts on a
page — must apply the same rules without a request (a digest has no reader online) and to many
pages at once. This module is that one rule:

- a restriction applies to its page and the page's subtree;
- an alias has no restrictions of its own: it takes those of its source page, resolved
  recursively (an alias of an alias), and so does every page below an alias — exactly what
  `Page.get_view_restrictions` does, which a property test (core/tests) checks on random trees;
- "login": any signed-in user; "groups": a member of one of the groups (superusers always);
  "password": only a browser session that entered it, hence never listed, searched or mailed.

Nothing here is cached across requests: every call reads the restrictions from the database
(one query), so a restriction written any way at all — a data migration's `bulk_create`, an
import, the admin — applies from the next call on. The only thing kept is a user's group ids,
on the user object, which lives for one request.
"""

from collections import namedtuple
from dataclasses import dataclass

from django.db import connections, router
from wagtail.models import BaseViewRestriction, Page, PageViewRestriction

Restriction = namedtuple("Restriction", "id kind group_ids markers")
Restriction.__doc__ = """One page view restriction: its id and type, the ids of its groups, and `markers`: the tree
paths of the pages it restricts with their subtrees (its page and every alias resolving to that page)."""

_RESTRICTIONS_SQL = """
WITH RECURSIVE markers(restriction_id, page_id, path) AS (
    SELECT r.id, p.id, p.path FROM {restriction} r JOIN {page} p ON p.id = r.page_id
    WHERE p.alias_of_id IS NULL
  UNION
    SELECT m.restriction_id, a.id, a.path FROM {page} a JOIN markers m ON a.alias_of_id = m.page_id
)
SELECT m.restriction_id, r.restriction_type, m.path, g.group_id
FROM markers m JOIN {restriction} r ON r.id = m.restriction_id
LEFT JOIN {groups} g ON g.pageviewrestriction_id = r.id
"""


def restrictions():
    """Every page view restriction of the site as `Restriction`s, in ONE query, read afresh on every call.

    The markers come from a recursive query over `alias_of` (PostgreSQL and SQLite both have
    WITH RECURSIVE): a restriction on an alias page is ignored and an alias anywhere on a page's
    path stands for its source, as in Wagtail. UNION (not UNION ALL) ends even on a cycle of aliases.
    """
    sql = _RESTRICTIONS_SQL.format(
        restriction=PageViewRestriction._meta.db_table, page=Page._meta.db_table,
        groups=PageViewRestriction.groups.through._meta.db_table)
    found = {}
    with connections[router.db_for_read(PageViewRestriction)].cursor() as cursor:
        cursor.execute(sql)
        for restriction_id, kind, path, group_id in cursor.fetchall():
            entry = found.setdefault(restriction_id, (kind, set(), set()))
            entry[1].add(path)
            if group_id is not None:
                entry[2].add(group_id)
    return [Restriction(pk, kind, frozenset(groups), tuple(sorted(paths)))
            for pk, (kind, paths, groups) in sorted(found.items())]


def request_restrictions(request):
    """`restrictions()` read once per request: kept on the request object, which lives for one
    request, so every list of a page (menu, sections, listings) shares one query and the next
    request reads afresh. Without a request (a task, a digest), read now."""
    if request is None:
        return restrictions()
    catalogue = getattr(request, "_access_restrictions", None)
    if catalogue is None:
        catalogue = request._access_restrictions = restrictions()
    return catalogue


def without_hidden(entries, catalogue, user=None):
    """`entries` (dicts with the page's tree "path") without those `user` may not read (anonymous
    visitors by default). For lists kept in a cache that a restriction written without signals
    cannot invalidate: the restrictions read with this request decide what the cached list shows.
    An entry without a path (older cached values) is kept."""
    from django.contrib.auth.models import AnonymousUser

    paths = hidden_paths(user or AnonymousUser(), catalogue)
    if not paths:
        return list(entries)
    hidden = tuple(paths)
    return [entry for entry in entries if not entry.get("path", "").startswith(hidden)]


def applying(page, catalogue=None):
    """The restrictions that apply to `page` (those `Page.get_view_restrictions` returns).

    `catalogue`: a `restrictions()` result, to check many pages with one query.
    """
    path = page.path or ""
    if catalogue is None:
        catalogue = restrictions()
    return [restriction for restriction in catalogue
            if any(path.startswith(marker) for marker in restriction.markers)]


def _query_group_ids(user):
    return user.groups.values_list("pk", flat=True)


_group_id_reader = _query_group_ids


def read_group_ids_with(reader):
    """Let `reader(user)` give users' group ids: an app that reads a user's groups along with
    more data once per request (home.frame.user_groups) saves core.access a query of its own."""
    global _group_id_reader
    _group_id_reader = reader


def group_ids(user):
    """The ids of `user`'s groups (empty for anonymous visitors), read once per user object.

    A user object lives for one request, so a membership change shows from the next request on
    (and at once in this one when made through `user.groups`, see core.apps).
    """
    if not user.is_authenticated:
        return frozenset()
    ids = getattr(user, "_access_group_ids", None)
    if ids is None:
        ids = frozenset(_group_id_reader(user))
        user._access_group_ids = ids
    return ids


def forget_group_ids(user):
    """Drop the group ids kept on `user` (its groups changed)."""
    user.__dict__.pop("_access_group_ids", None)


def passes(restriction, user, session=None):
    """Does `user` pass `restriction`? `PageViewRestriction.accept_request` for a user and, for a
    shared password, the session that may have entered it (none: never passed)."""
    if restriction.kind == BaseViewRestriction.PASSWORD:
        passed = session.get(PageViewRestriction.passed_view_restrictions_session_key, []) if session else []
        return restriction.id in passed
    if restriction.kind == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.kind == BaseViewRestriction.GROUPS:
        return user.is_superuser or bool(restriction.group_ids & group_ids(user))
    return True


def can_view(user, page, session=None, catalogue=None):
    """May `user` read `page`: does it pass every restriction of the page and its ancestors?"""
    return all(passes(restriction, user, session) for restriction in applying(page, catalogue))


def hidden_paths(user, catalogue=None):
    """Tree paths of the pages `user` may not read, with their subtrees (none below another)."""
    if catalogue is None:
        catalogue = restrictions()
    kept = []
    # Sorted, a path comes right before the paths it is a prefix of.
    for path in sorted({marker for r in catalogue if not passes(r, user) for marker in r.markers}):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def reader_hidden_paths(request, user=None):
    """`hidden_paths` of the request's reader (or of `user`: AnonymousUser() for what must be the same
    for everyone), from the restrictions read once per request (`request_restrictions`)."""
    if user is None:
        user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return tuple(hidden_paths(user, request_restrictions(request)))


def hidden_paths_bearing_on(page, hidden):
    """Those of the tree paths `hidden` that bear on `page`'s subtree (within it, or above it): the part
    of a reader's hidden paths that belongs in the key of a value kept per page."""
    return tuple(path for path in hidden if path.startswith(page.path) or page.path.startswith(path))


def exclude_paths(queryset, hidden, path_field="path"):
    """`queryset` without the rows whose tree path (`path_field`: "path" for pages, "page__path" or
    "organisation__path" for a derived row or an item that belongs to a page) lies under one of
    the `hidden` paths (`hidden_paths`). Derived read models (directory entries, search entries,
    needs and offers) are narrowed this way on every read, so a restriction decides what they
    show from the next request on, however it was written."""
    from django.db.models import Q

    if not hidden:
        return queryset
    under = Q()
    for path in hidden:
        under |= Q(**{f"{path_field}__startswith": path})
    return queryset.exclude(under)


def visible_pages_for(user, queryset, catalogue=None):
    """`queryset` (of any page model) narrowed to the pages `user` may read; pages behind a
    password are left out (listings never show them). One query for the restrictions, none
    more: the filter is on tree paths. Does not filter on `live`: callers add `.live()`."""
    return exclude_paths(queryset, hidden_paths(user, catalogue))


def public_pages(queryset, catalogue=None):
    """`queryset` narrowed to the pages anyone may read (Wagtail's `PageQuerySet.public()`, aliases resolved)."""
    from django.contrib.auth.models import AnonymousUser

    return visible_pages_for(AnonymousUser(), queryset, catalogue)


@dataclass(frozen=True)
class Audience:
    """Who may read a page, without a request: for search entries and digest e-mails.

    `login`: readers must be signed in; `group_sets`: for each group restriction, the groups
    one of which a reader must be in (superusers pass); `password`: a shared password applies,
    so no list, index or e-mail may show the page.
    """

    login: bool = False
    group_sets: tuple = ()
    password: bool = False

    @property
    def public(self):
        return not (self.login or self.group_sets or self.password)

    @property
    def groups(self):
        """One set of groups whose members pass every group restriction (None: no group
        restriction). Nested restrictions naming different groups give their intersection,
        narrower than Wagtail (a reader in one group of each would pass) but never wider."""
        if not self.group_sets:
            return None
        return frozenset.intersection(*self.group_sets)

    def allows(self, user):
        """Whether `user` passes every restriction (a password never passes)."""
        if self.password:
            return False
        if not (self.login or self.group_sets):
            return True
        if not user.is_authenticated:
            return False
        return user.is_superuser or all(groups & group_ids(user) for groups in self.group_sets)


PUBLIC = Audience()


def audience_of(page, catalogue=None):
    """The Audience of `page` from the restrictions that apply to it."""
    login, group_sets, password = False, [], False
    for restriction in applying(page, catalogue):
        if restriction.kind == BaseViewRestriction.PASSWORD:
            password = True
        elif restriction.kind == BaseViewRestriction.LOGIN:
            login = True
        elif restriction.kind == BaseViewRestriction.GROUPS:
            login = True
            group_sets.append(restriction.group_ids)
    return Audience(login=login, group_sets=tuple(group_sets), password=password)


def audiences_of(pages, catalogue=None):
    """{page.pk: Audience} for many pages, with one query for the restrictions."""
    if catalogue is None:
        catalogue = restrictions()
    return {page.pk: audience_of(page, catalogue) for page in pages}
