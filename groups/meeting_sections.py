"""The meetings and open action items on a working group's page.

They are the same for every reader who may see the same meetings, so the rendered sections are
kept with the frame's values (home.frame: per host and language, dropped by every page save,
publication, move or restriction change; a meeting's action items are saved with its page),
under the tree paths inside the group hidden from the reader, read from the database with this
request. A kept copy also carries the moment it stops being true: when the earliest of the
group's upcoming meetings ends (it moves to the past ones) or the day turns (an action item
becomes overdue), whichever comes first.
"""

import datetime

from django.db import connection
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone

from core.access import hidden_paths_bearing_on, reader_hidden_paths, request_restrictions, visible_pages_for
from home import frame

SHOWN = 5  # upcoming and past meetings listed on the group's page


def meeting_lists(user, group, catalogue=None, now=None):
    """{"upcoming_meetings", "past_meetings", "open_action_items", "valid_until"} of `group` for
    `user`: the next and the last SHOWN live meetings `user` may read, the open action items of every
    such meeting, and the moment (aware datetime) from which these lists may differ."""
    from .models import ActionItem, MeetingPage

    now = now or timezone.now()
    meetings = visible_pages_for(user, MeetingPage.objects.child_of(group).live(), catalogue)
    upcoming = meetings.filter(end__gte=now).order_by("start")[:SHOWN]
    past = meetings.filter(end__lt=now).order_by("-start")[:SHOWN]
    if connection.features.supports_slicing_ordering_in_compound:  # one query (a union) where it can
        both = list(upcoming.union(past, all=True))
    else:
        both = [*upcoming, *past]
    tomorrow = timezone.make_aware(datetime.datetime.combine(timezone.localdate(now) + datetime.timedelta(days=1),
                                                             datetime.time()))
    # Not only the shown ones: a short meeting listed after a long one may end first.
    next_end = meetings.filter(end__gte=now).aggregate(first=Min("end"))["first"]
    return {
        "upcoming_meetings": sorted((m for m in both if m.end >= now), key=lambda m: (m.start, m.pk)),
        "past_meetings": sorted((m for m in both if m.end < now), key=lambda m: (m.start, m.pk), reverse=True),
        "open_action_items": list(
            ActionItem.objects.filter(meeting__in=meetings, done=False).select_related("meeting").order_by("due", "pk")
        ),
        # The first microsecond after the earliest upcoming meeting's end: until then it is upcoming.
        "valid_until": min(tomorrow, next_end + datetime.timedelta(microseconds=1)) if next_end else tomorrow,
    }


def hidden_in(request, group):
    """The tree paths hidden from the request's reader (read from the database with the request) that
    bear on `group`'s pages: within it, or above it. Part of the key of what is kept per group."""
    return hidden_paths_bearing_on(group, reader_hidden_paths(request))


def rendered_sections(request, group):
    """The group page's sections of upcoming meetings, open action items and past meetings, as HTML
    for the request's reader (kept as the module docstring says; computed afresh in previews)."""
    catalogue = request_restrictions(request)

    def compute():
        context = meeting_lists(request.user, group, catalogue)
        html = render_to_string("groups/includes/meeting_sections.html", {**context, "page": group}, request=request)
        return context["valid_until"].timestamp(), html

    if getattr(request, "is_preview", False):
        return compute()[1]
    parts = frame.request_parts(request, "groups:meetings", group.pk, hidden_in(request, group))
    return frame.cached(parts, compute, fresh=lambda kept: timezone.now().timestamp() < kept[0])[1]
