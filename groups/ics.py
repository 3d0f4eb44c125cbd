"""iCalendar (RFC 5545) files of meetings with the icalendar library.

Times are written in Europe/Warsaw with its VTIMEZONE, so calendar applications keep
the right local hour across daylight-saving changes.
"""

import functools
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def _host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "forum-razem.pl"


def meeting_uid(meeting):
    """A stable UID, the same in every language (calendar apps then update one event)."""
    return f"meeting-{meeting.translation_key}@{_host()}"


@functools.cache
def _warsaw():
    """The VTIMEZONE of Europe/Warsaw, made once per process from the zone database (what
    `Calendar.add_missing_timezones` would make for every file, its default span included)."""
    return Timezone.from_tzid("Europe/Warsaw")


def meeting_event(meeting, with_online_link=False, request=None):
    """The VEVENT of a meeting; the online link only for people registered for it. With the
    `request` being served, Wagtail finds the site's root paths once for the whole calendar."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = base + (meeting.get_url(request) or "")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start.astimezone(WARSAW))
    event.add("dtend", meeting.end.astimezone(WARSAW))
    event.add("summary", meeting.title)
    event.add("url", url)
    event.add("last-modified", meeting.last_published_at or timezone.now())
    locations = []
    if meeting.is_in_person and meeting.address:
        locations.append(" ".join(meeting.address.split()))
    if meeting.is_online:
        locations.append(meeting.online_url if with_online_link else "Online")
    if locations:
        event.add("location", " / ".join(locations))
    description = [meeting.introduction, strip_tags(meeting.agenda or "").strip(), url]
    if with_online_link and meeting.is_online:
        description.append(meeting.online_url)
    event.add("description", "\n\n".join(part for part in description if part))
    return event


def meeting_calendar(meetings, name="Forum Razem", with_online_link=False, request=None):
    """A VCALENDAR (bytes) holding the given meetings (`request`: see `meeting_event`)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Forum Razem//Working groups//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Warsaw")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, with_online_link=with_online_link, request=request))
    if calendar.get_missing_tzids() == {"Europe/Warsaw"}:  # every time is written in Warsaw's zone
        calendar.subcomponents.insert(0, _warsaw())
    calendar.add_missing_timezones()
    return calendar.to_ical()
