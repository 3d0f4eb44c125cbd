"""Meetings and working-group news in digests: group news only for members, restricted meetings too."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from digests import delivery
from digests.factories import SubscriptionFactory
from digests.sources import collect_items
from groups.factories import (
    GroupIndexPageFactory,
    GroupMembershipFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)
from groups.models import WorkingGroupPage
from groups.visibility import restrict_to_members
from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.models import Sector

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
IN_PERIOD = timezone.make_aware(datetime.datetime(2026, 11, 18, 12, 0))


def published(page):
    type(page).objects.filter(pk=page.pk).update(first_published_at=IN_PERIOD)
    return page


@pytest.fixture
def groups_content(home_pages):
    index = GroupIndexPageFactory(parent=home_pages["pl"])
    group = WorkingGroupPageFactory(parent=index, title="Grupa ds. mieszkalnictwa",
                                    join_policy=WorkingGroupPage.JoinPolicy.OPEN)
    group.sectors.set(Sector.objects.filter(code="housing"))
    group.save_revision().publish()
    group_news_index = NewsIndexPageFactory(parent=group, slug="wiadomosci-grupy")
    published(NewsPageFactory(parent=group_news_index, slug="notatka", title="Notatka grupy mieszkaniowej"))
    members_meeting = published(MeetingPageFactory(parent=group, slug="spotkanie-grupy", title="Spotkanie grupy"))
    restrict_to_members(members_meeting, group)
    meetings = MeetingIndexPageFactory(parent=home_pages["pl"])
    published(MeetingPageFactory(parent=meetings, slug="forum", title="Spotkanie plenarne Forum"))
    forum_news = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    published(NewsPageFactory(parent=forum_news, slug="ogloszenie", title="Ogłoszenie Forum"))
    return group


def test_group_news_and_meetings_reach_the_right_people(groups_content, user_factory):
    member = user_factory(email="member@example.org")
    GroupMembershipFactory(user=member, group=groups_content)
    outsider = user_factory(email="outsider@example.org")
    SubscriptionFactory(email="member@example.org", user=member)
    SubscriptionFactory(email="outsider@example.org", user=outsider)
    SubscriptionFactory(email="anonymous@example.org", kinds=["news", "meetings", "group-news"])
    delivery.plan_digest("weekly", now=NOW)
    sent = {message.to[0]: message.body for message in mail.outbox}
    for address in sent:
        assert "Spotkanie plenarne Forum" in sent[address] and "Ogłoszenie Forum" in sent[address]
    assert "Notatka grupy mieszkaniowej" in sent["member@example.org"]
    assert "Spotkanie grupy" in sent["member@example.org"]
    for address in ("outsider@example.org", "anonymous@example.org"):
        assert "Notatka grupy mieszkaniowej" not in sent[address]
        assert "Spotkanie grupy" not in sent[address]


def test_group_items_carry_the_groups_sectors(groups_content):
    items = {item.texts["pl"].title: item for item in
             collect_items(IN_PERIOD - datetime.timedelta(days=1), IN_PERIOD + datetime.timedelta(days=1))}
    assert items["Notatka grupy mieszkaniowej"].kind == "group-news"
    assert items["Notatka grupy mieszkaniowej"].sectors == {"housing"}
    assert items["Notatka grupy mieszkaniowej"].working_groups == {groups_content.pk}
    assert items["Ogłoszenie Forum"].kind == "news"
    assert items["Spotkanie plenarne Forum"].kind == "meetings" and not items["Spotkanie plenarne Forum"].working_groups
