"""Page routing in two queries whatever the depth of the page.

Wagtail's `Page.route` walks down the tree one level at a time, two queries per level (the
child by its slug, then its specific object): seven for a meeting at depth five, before the
page does anything. The home page (the root of every language's tree) routes instead by
`url_path`: one query finds every page on the requested path, one more fetches the deepest
one's specific object, and that page routes the rest of the path itself.

A page on the way whose class routes on its own (RoutablePageMixin, a custom `route`) is
handed the rest of the path as Wagtail would, so sub-routes keep their priority; a path
that is not all pages (a route of a routable page, a 404) ends in Wagtail's own routing
from the deepest page found, so the answer is always the one Wagtail would give.
"""

from wagtail.models import Page


def _routes_itself(page):
    return page.specific_class is not None and page.specific_class.route is not Page.route


def route(root, request, path_components):
    """Route `path_components` below `root` (see the module's docstring); Wagtail's RouteResult or Http404."""
    prefixes = [root.url_path + "".join(f"{slug}/" for slug in path_components[:n])
                for n in range(1, len(path_components) + 1)]
    found = {page.url_path: page for page in
             Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)}
    parent, consumed = root, 0
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None or page.depth != parent.depth + 1:
            break
        page._cached_parent_obj = parent  # as Page.route does: get_parent() costs nothing
        parent, consumed = page, consumed + 1
        if _routes_itself(page):
            break
    if parent is root:
        return Page.route(root, request, path_components)
    specific = parent.specific
    specific._cached_parent_obj = parent._cached_parent_obj
    return specific.route(request, path_components[consumed:])
