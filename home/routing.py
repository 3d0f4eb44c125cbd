"""Wagtail's page routing below the home page, with the pages of every level found in one query.

Wagtail's `Page.route` walks down the tree one level at a time: the child by its slug, then
its specific object, two queries per level (seven for a page at depth five). `route()` here
takes the same steps on the same data — the children of each page found by tree path and
slug, never by the stored `url_path` (which a `QuerySet.update(slug=…)` leaves stale) — but
asks for the candidates of every level at once (each one whose parent bears the slug before it),
then for the specific object of the page reached. Two sibling pages with the same slug raise
`MultipleObjectsReturned` as Wagtail's `.get()` does; a page whose class routes on its own (any
`route` override) is handed the rest of the path, as Wagtail would. A routable page
(RoutablePageMixin, nothing else overriding `route`) is handed the rest only when one of its
sub-routes matches it: otherwise its `route` would call `Page.route`, i.e. look for the child
by slug, which the candidates already hold (so a library resource or an innovation costs no
more queries than a news item). home/tests/test_routing.py compares it with `Page.route` over
every URL of the demo tree, aliases and duplicate sibling slugs included.
"""

from django.db import connection
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _route_methods(specific_class):
    """The `route` functions defined along `specific_class`'s MRO, nearest first."""
    return [vars(klass)["route"] for klass in specific_class.__mro__ if "route" in vars(klass)]


def _hands_over(page, rest):
    """Must `page` route `rest` (the path components below it) itself? Yes for any `route` override,
    except RoutablePageMixin's own when no sub-route matches `rest`: it then calls `Page.route`."""
    specific_class = page.specific_class
    if specific_class is None:
        return False
    methods = _route_methods(specific_class)
    if methods[0] is Page.route:
        return False
    if methods[:2] != [RoutablePageMixin.route, Page.route]:
        return True
    try:
        # What RoutablePageMixin.route resolves (its resolver is the class's: no page object needed).
        specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in rest))
    except Http404:  # Resolver404, as RoutablePageMixin.route catches it
        return False
    return True


def candidates(root, path_components):
    """Every page below `root` that may stand at some level of `path_components`: at that level's depth
    with its slug and, below the first level, whose parent bears the slug before it (a slug that many
    pages share, every group's "spotkanie-1", would otherwise bring them all, each made into a Page).

    Plain SQL that PostgreSQL and SQLite both read: the ORM took longer to compile these levels'
    subqueries (about 3.5 ms on a meeting page, py-spy) than the database took to answer them."""
    table = connection.ops.quote_name(Page._meta.db_table)
    levels, params = [], [root.path + "%"]
    for offset, slug in enumerate(path_components, 1):
        level = "p.depth = %s AND p.slug = %s"
        params += [root.depth + offset, slug]
        if offset > 1:
            level += f" AND EXISTS (SELECT 1 FROM {table} u WHERE u.path = SUBSTR(p.path, 1, %s) AND u.slug = %s)"
            params += [(root.depth + offset - 1) * Page.steplen, path_components[offset - 2]]
        levels.append(f"({level})")
    return Page.objects.raw(
        f"SELECT p.* FROM {table} p WHERE p.path LIKE %s AND ({' OR '.join(levels)}) ORDER BY p.path", params)


def route(root, request, path_components):
    """Route `path_components` below `root` like `Page.route`; Wagtail's RouteResult, or Http404."""
    if not path_components:
        return Page.route(root, request, path_components)
    children = {}  # (parent's tree path, slug) -> pages
    for page in candidates(root, path_components):
        children.setdefault((page.path[:-Page.steplen], page.slug), []).append(page)
    parent = root
    for consumed, slug in enumerate(path_components, 1):
        found = children.get((parent.path, slug), [])
        if not found:
            raise Http404
        if len(found) > 1:
            raise Page.MultipleObjectsReturned(f"{len(found)} pages with the slug {slug!r} below {parent.path}")
        page = found[0]
        page._cached_parent_obj = parent  # as Page.route does: get_parent() costs nothing
        if consumed == len(path_components) or _hands_over(page, path_components[consumed:]):
            specific = page.specific
            specific._cached_parent_obj = parent
            return specific.route(request, path_components[consumed:])
        parent = page


def ancestor_of_type(page, model):
    """The shallowest ancestor of `page` that is a `model` (a page class or a parent class of one), or
    None: `model.objects.ancestor_of(page).first()`, without a query when the parents of the routed
    page are at hand.

    `route()` (and Wagtail's `Page.route`) keep each page's parent on it, as treebeard's
    `get_parent()` cache (`_cached_parent_obj`): a page being served holds the chain of its
    ancestors up to the home page, which is the site root's child (the root, depth 1, is a plain
    `Page`). When that chain is not complete (a page loaded otherwise, a preview), ask the database.
    """
    found, current = None, page
    while current.depth > 2:
        parent = current.__dict__.get("_cached_parent_obj")
        if parent is None or parent.path != current.path[:-Page.steplen]:
            return model.objects.ancestor_of(page).first()
        specific_class = parent.specific_class
        if specific_class is not None and issubclass(specific_class, model):
            found = parent if isinstance(parent, model) else parent.specific_deferred
        current = parent
    return found
