"""The editors' search report in the Wagtail admin: top queries and queries without results."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .audience import is_coordinator
from .querylog import report


def search_report(request):
    """Top and zero-result queries of the last 30 days (anonymised counts only)."""
    if not is_coordinator(request.user):
        raise PermissionDenied
    try:
        days = min(max(int(request.GET.get("days", "30")), 1), 365)
    except ValueError:
        days = 30
    return render(request, "search/admin/report.html", report(days=days))


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_coordinator(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-report/", search_report, name="search_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return CoordinatorMenuItem(_("Search queries"), reverse("search_report"), icon_name="search", order=900)
