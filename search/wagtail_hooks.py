"""Search in the Wagtail admin: the editors' report (top queries, queries without results) and the synonyms."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .audience import is_coordinator
from .models import Synonym
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


class SynonymViewSet(SnippetViewSet):
    """Words and phrases that search treats as the same (jargon, programme names, abbreviations)."""

    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["name", "terms_pl", "terms_uk", "terms_en", "updated_at"]
    search_fields = ["name", "terms_pl", "terms_uk", "terms_en"]


register_snippet(SynonymViewSet)
