"""Calendar files: they parse, keep Warsaw local time across DST, and feeds hold only visible meetings."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from groups.factories import MeetingPageFactory
from groups.ics import meeting_calendar

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def test_times_are_right_across_a_dst_change(group):
    # 10:00 Warsaw on each side of the switch to summer time (28 March 2027).
    winter = MeetingPageFactory(parent=group, slug="zima", start=datetime.datetime(2027, 3, 25, 10, tzinfo=WARSAW),
                                end=datetime.datetime(2027, 3, 25, 12, tzinfo=WARSAW))
    summer = MeetingPageFactory(parent=group, slug="lato", start=datetime.datetime(2027, 4, 1, 10, tzinfo=WARSAW),
                                end=datetime.datetime(2027, 4, 1, 12, tzinfo=WARSAW))
    calendar = Calendar.from_ical(meeting_calendar([winter, summer]))
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    winter_start = events[winter.title].decoded("dtstart")
    summer_start = events[summer.title].decoded("dtstart")
    assert (winter_start.hour, summer_start.hour) == (10, 10)
    assert winter_start.utcoffset() == datetime.timedelta(hours=1)
    assert summer_start.utcoffset() == datetime.timedelta(hours=2)
    assert winter_start.astimezone(datetime.UTC).hour == 9 and summer_start.astimezone(datetime.UTC).hour == 8
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Warsaw"
    assert b"TZID=Europe/Warsaw" in meeting_calendar([winter])


def test_meeting_download_and_feeds(client, group, meeting, meeting_index):
    forum = MeetingPageFactory(parent=meeting_index, slug="forum", title="Spotkanie Forum")
    response = client.get(f"/pl/groups/meetings/{meeting.pk}/meeting.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    group_feed = Calendar.from_ical(client.get(f"/pl/groups/{group.pk}/calendar.ics").content)
    assert [str(e["summary"]) for e in group_feed.walk("VEVENT")] == [meeting.title]
    forum_feed = Calendar.from_ical(client.get("/pl/groups/calendar.ics").content)
    assert [str(e["summary"]) for e in forum_feed.walk("VEVENT")] == [forum.title]
    html = client.get(group.url).content.decode()
    assert f"webcal://testserver/pl/groups/{group.pk}/calendar.ics" in html


def test_the_kept_time_zone_is_the_one_the_library_makes_and_urls_are_the_pages(client, group, meeting):
    """The VTIMEZONE made once per process is what icalendar makes for each file, once per file;
    the event's URL found with the request being served is the one found without it."""
    from django.conf import settings
    from icalendar import Event

    reference = Calendar()
    event = Event()
    event.add("dtstart", datetime.datetime(2027, 3, 25, 10, tzinfo=WARSAW))
    reference.add_component(event)
    reference.add_missing_timezones()
    for _ in range(2):  # the second file reuses the kept component
        feed = Calendar.from_ical(client.get(f"/pl/groups/{group.pk}/calendar.ics").content)
        assert [tz.to_ical() for tz in feed.walk("VTIMEZONE")] == [tz.to_ical() for tz in reference.walk("VTIMEZONE")]
        assert [str(e["url"]) for e in feed.walk("VEVENT")] == [settings.WAGTAILADMIN_BASE_URL.rstrip("/") + meeting.url]
    assert Calendar.from_ical(meeting_calendar([])).walk("VTIMEZONE") == []
