"""Wagtail's userbar for the people who may edit the page being read, loaded after the page.

Wagtail's own `{% wagtailuserbar %}` renders the bar inside the page: for an editor that is
three permission testers, a workflow-state query, the user's profile and a dozen templates
(about 13 ms of a working group's page for its coordinator, timed in-process on the bench
database). The page now holds an empty slot naming `/userbar/<page id>/`; static/js/site.js
fetches it when the page has shown and puts Wagtail's bar (its web component and scripts) in
the slot, as Wagtail's own headless userbar is embedded. Previews keep the bar inline: the
preview panel's checker reads it at once. Who sees the bar is decided the same way in both
places (`shows_userbar`), and the bar's items are Wagtail's, with Wagtail's permission checks,
on every load.
"""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from wagtail.admin.userbar import Userbar
from wagtail.models import Page

from core.access import can_view

from . import frame


def is_preview(request):
    """Is `request` a Wagtail preview (of a page being edited or of a revision)?"""
    return bool(getattr(request, "is_preview", False))


def shows_userbar(request, page):
    """Would the request's reader get Wagtail's userbar on `page` (None: a page that is no Wagtail
    page)? Readers who hold no page permission on it (through their groups; superusers everywhere)
    are told no by the one query of `frame.user_groups`, which page visibility shares and which also
    tells whether a group grants admin access (the user's own permissions are asked only when none does)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if is_preview(request) or user.is_superuser:
        return user.has_perm("wagtailadmin.access_admin")
    groups = frame.user_groups(user)
    if page is None or not page.path or not any(page.path.startswith(path) for path in groups.editable_paths):
        return False
    return groups.admin_access or user.has_perm("wagtailadmin.access_admin")


def render_userbar(request, page):
    """Wagtail's userbar HTML for `page` (or None), as `{% wagtailuserbar %}` renders it."""
    return Userbar(object=page, position="bottom-right").render_html({"request": request, "page": page})


@require_GET
def userbar(request, page_id=None):
    """The userbar of page `page_id` (of no page without one) for the signed-in reader. Whoever gets no
    bar there gets an empty answer (204), whether the page is missing, the tree's root (no page),
    not readable by them or not theirs to edit: the answer tells nothing about pages they may not see."""
    page = Page.objects.filter(pk=page_id, depth__gt=1).first() if page_id is not None else None
    response = HttpResponse(status=204)
    if (page_id is None or page is not None) and shows_userbar(request, page) and (
            page is None or can_view(request.user, page, request.session)):
        response = HttpResponse(render_userbar(request, page.specific if page is not None else None))
    add_never_cache_headers(response)  # private to the reader: never kept by nginx or the browser
    return response
