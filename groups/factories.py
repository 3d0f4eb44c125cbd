"""Factories of the working groups' pages (wagtail-factories + Faker)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import GroupContentPage, GroupIndexPage, MeetingIndexPage, MeetingPage, WorkingGroupPage


class GroupIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GroupIndexPage

    title = "Grupy robocze"
    slug = "grupy-robocze"


class WorkingGroupPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = WorkingGroupPage

    title = factory.Sequence(lambda n: f"Grupa robocza {n}")
    topic = factory.Faker("sentence", nb_words=8, locale="pl_PL")
    join_policy = WorkingGroupPage.JoinPolicy.REQUEST


class GroupContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GroupContentPage

    title = factory.Faker("sentence", nb_words=4, locale="pl_PL")


class MeetingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MeetingIndexPage

    title = "Spotkania"
    slug = "spotkania"


class MeetingPageFactory(wagtail_factories.PageFactory):
    """An in-person meeting a week from now, two hours long, registration open."""

    class Meta:
        model = MeetingPage

    title = factory.Sequence(lambda n: f"Spotkanie {n}")
    start = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    mode = MeetingPage.Mode.IN_PERSON
    address = "ul. Marszałkowska 1, 00-001 Warszawa"


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a working group (no join flow, no e-mails): for other apps' tests."""

    class Meta:
        model = "groups.GroupMembership"

    user = factory.SubFactory("home.factories.UserFactory")
    status = "active"
    decided_at = factory.LazyFunction(timezone.now)
