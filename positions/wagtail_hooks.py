"""Admin integration: only the Secretariat publishes a position directly; coordinators (and anyone
else who may edit it) submit it to the "Stanowisko Forum" workflow, the Secretariat approves."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.roles import is_secretariat

from .models import PositionPage


def _needs_secretariat(request, page):
    return page is not None and page.specific_class is PositionPage and not is_secretariat(request.user)


@hooks.register("construct_page_action_menu")
def only_secretariat_publishes_positions(menu_items, request, context):
    """A coordinator may edit their group's position and submit it, not publish it past the Secretariat."""
    if _needs_secretariat(request, context.get("page")):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_publish_page")
def refuse_direct_publication(request, page):
    """The same rule for a crafted publish request: the draft is kept, publication refused."""
    if _needs_secretariat(request, page):
        messages.error(request, _("A position speaks for the whole Forum: submit it to the Secretariat for approval."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
