"""Admin integration: only the Secretariat publishes a position directly; coordinators (and anyone
else who may edit it) submit it to the "Stanowisko Forum" workflow, the Secretariat approves.
Reports → Joint positions gives the Secretariat every position's status, pending comments and signatures."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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


@hooks.register("register_admin_urls")
def register_report_urls():
    from django.urls import path

    from .report import PositionsReport

    return [
        path("reports/positions/", PositionsReport.as_view(), name="positions_report"),
        path("reports/positions/results/", PositionsReport.as_view(results_only=True), name="positions_report_results"),
    ]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    from django.urls import reverse

    return SecretariatMenuItem(gettext_lazy("Joint positions"), reverse("positions_report"), icon_name="doc-full",
                               order=920)
