"""Working groups, their content pages and meetings.

Members-only group content is restricted with Wagtail view restrictions to the group's
permission groups (groups.visibility), so `search.audience.page_audience` covers it.
"""

from django.utils.translation import gettext_lazy as _

from search.pages import IntroductionPageAdapter, PageAdapter
from search.registry import register
from search.text import plain_text


class WorkingGroupAdapter(PageAdapter):
    kind = "group"
    label = _("Working group")
    model = "groups.WorkingGroupPage"
    summary_field = "introduction"

    facet_lookups = {"sector": ("sectors__code",)}

    def body(self, page):
        return " ".join([page.topic, plain_text(page.mandate), plain_text(page.body)])


class GroupContentAdapter(IntroductionPageAdapter):
    kind = "group-page"
    label = _("Working group page")
    model = "groups.GroupContentPage"


class MeetingAdapter(PageAdapter):
    kind = "meeting"
    label = _("Meeting")
    model = "groups.MeetingPage"
    summary_field = "introduction"
    body_fields = ("body", "agenda", "minutes", "address")

    def date(self, page):
        return page.start.date() if page.start else None


register(WorkingGroupAdapter())
register(GroupContentAdapter())
register(MeetingAdapter())
