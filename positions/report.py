"""The read-only "Joint positions" report of the Wagtail admin (Reports menu, the Secretariat).

Every position (its authoritative Polish page, live or not) with its owner, status, deadline,
comments still waiting for an answer and signatures, linked to its edit screen. The names of who
signed stay on the position's page (the Secretariat sees them there) and in the audit log.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from accounts.roles import is_secretariat

from .listing import owners
from .models import PositionPage


def moment(value):
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class PositionsReport(ReportView):
    """Positions with their status, deadline, unanswered comments and signatures."""

    page_title = _("Joint positions")
    header_icon = "doc-full"
    index_url_name = "positions_report"
    index_results_url_name = "positions_report_results"
    columns = [
        TitleColumn("title", label=_("Title"), get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])),
        Column("owner", label=_("Owner"), accessor="owner_name"),
        Column("status", label=_("Status"), accessor="status_label"),
        Column("deadline", label=_("Deadline"), accessor=lambda page: moment(page.deadline)),
        Column("pending", label=_("Comments waiting for an answer"), accessor="pending_comments"),
        Column("signatures", label=_("Signatures"), accessor="signature_count"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        pages = list(PositionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).annotate(
            pending_comments=Count("comments", filter=Q(comments__decision="pending"), distinct=True),
            signature_count=Count("signatures", distinct=True),
        ).order_by("-latest_revision_created_at", "-pk"))
        names = owners(pages)
        for page in pages:
            page.owner_name = names.get(page.pk) or _("Forum Secretariat")
        return pages
