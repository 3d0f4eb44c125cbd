"""Wagtail's page routing below the home page, with the pages of every level found in one query.

Wagtail's `Page.route` walks down the tree one level at a time: the child by its slug, then
its specific object, two queries per level (seven for a page at depth five). `route()` here
takes the same steps on the same data — the children of each page found by tree path and
slug, never by the stored `url_path` (which a `QuerySet.update(slug=…)` leaves stale) — but
asks for the candidates of every level at once, then for the specific object of the page
reached. Two sibling pages with the same slug raise `MultipleObjectsReturned` as Wagtail's
`.get()` does; a page whose class routes on its own (RoutablePageMixin, any `route` override)
is handed the rest of the path, as Wagtail would. home/tests/test_routing.py compares it with
`Page.route` over every URL of the demo tree, aliases and duplicate sibling slugs included.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page


def _routes_itself(page):
    specific_class = page.specific_class
    return specific_class is not None and specific_class.route is not Page.route


def route(root, request, path_components):
    """Route `path_components` below `root` like `Page.route`; Wagtail's RouteResult, or Http404."""
    if not path_components:
        return Page.route(root, request, path_components)
    levels = Q()
    for offset, slug in enumerate(path_components, 1):
        levels |= Q(depth=root.depth + offset, slug=slug)
    children = {}  # (parent's tree path, slug) -> pages
    for page in Page.objects.filter(levels, path__startswith=root.path):
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
        if _routes_itself(page) or consumed == len(path_components):
            specific = page.specific
            specific._cached_parent_obj = parent
            return specific.route(request, path_components[consumed:])
        parent = page
