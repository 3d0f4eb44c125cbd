"""The read-only "Digest schedules" report of the Wagtail admin (Reports menu, the Secretariat).

When each digest and the retry of failed deliveries run next, and how their last run ended.
The schedules are created and changed only by `manage.py setup_schedules` from
digests/schedules.py (every deploy runs it), so the admin shows them and never edits them:
a change made here would be undone by the next deploy.
"""

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_q.models import Schedule, Task
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from accounts.roles import is_secretariat

from .schedules import SCHEDULES

LABELS = {declaration["name"]: declaration["label"] for declaration in SCHEDULES}

FREQUENCIES = {
    Schedule.ONCE: _("Once"),
    Schedule.HOURLY: _("Every hour"),
    Schedule.DAILY: _("Every day"),
    Schedule.WEEKLY: _("Every week"),
    Schedule.BIWEEKLY: _("Every two weeks"),
    Schedule.MONTHLY: _("Every month"),
    Schedule.BIMONTHLY: _("Every two months"),
    Schedule.QUARTERLY: _("Every quarter"),
    Schedule.YEARLY: _("Every year"),
}


def frequency(schedule):
    """How often the schedule runs, in the reader's language (django-q2 has no Polish or Ukrainian)."""
    if schedule.schedule_type == Schedule.MINUTES:
        minutes = schedule.minutes or 1
        return ngettext("Every %(count)d minute", "Every %(count)d minutes", minutes) % {"count": minutes}
    return FREQUENCIES.get(schedule.schedule_type, schedule.schedule_type)


def moment(value):
    """A date and time in the site's time zone ("06.12.2026 07:00"): a next run lies ahead, which
    Wagtail's relative dates ("just now") cannot say."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def last_outcome(schedule):
    """"Succeeded", "Failed" or "Not run yet" for the schedule's last task."""
    if schedule.last_task is None:
        return _("Not run yet")
    return _("Succeeded") if schedule.last_task.success else _("Failed")


class DigestSchedulesReport(ReportView):
    """The digests app's schedules: label, frequency, next run, last run and its outcome."""

    page_title = _("Digest schedules")
    header_icon = "time"
    index_url_name = "digests_schedules_report"
    index_results_url_name = "digests_schedules_report_results"
    columns = [
        Column("label", label=_("Schedule"), accessor=lambda schedule: LABELS[schedule.name]),
        Column("frequency", label=_("Frequency"), accessor=frequency),
        Column("next_run", label=_("Next run"), accessor=lambda schedule: moment(schedule.next_run)),
        Column("last_run", label=_("Last run"),
               accessor=lambda schedule: moment(schedule.last_task.stopped) if schedule.last_task else ""),
        Column("outcome", label=_("Outcome of the last run"), accessor=last_outcome),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        schedules = list(Schedule.objects.filter(name__in=LABELS).order_by("pk"))
        # The last task of each schedule, in one query (django-q2 keeps its id on the schedule).
        tasks = Task.objects.in_bulk([schedule.task for schedule in schedules if schedule.task])
        for schedule in schedules:
            schedule.last_task = tasks.get(schedule.task)
        return schedules
