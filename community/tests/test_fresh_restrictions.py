"""Member updates and group threads follow their page's view restrictions, however they were written.

An update belongs to an organisation page and a thread to a working group page; a restriction
written without model signals (`PageViewRestriction.objects.bulk_create`, as a data migration
does) must hide the updates from the feed, the update page, the challenges and the home page
on the next request, and narrow who the digests mail them to, while a reader who passes the
restriction still sees them.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from community import discussions
from community import updates as service
from community.digest import digest_items
from community.models import OrganisationUpdate, Post, Thread
from digests.sources import PUBLIC
from home.models import Sector

from .conftest import feed_pks

pytestmark = pytest.mark.django_db


def _restrict(page, kind=PageViewRestriction.LOGIN, groups=()):
    """A restriction written as a data migration would: no signal, no cache invalidation."""
    restriction = PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=page.pk), restriction_type=kind)])[0]
    restriction.groups.add(*groups)


def _digest(key):
    now = timezone.now()
    items = digest_items(now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1))
    return {item.key: item for item in items}[key]


def test_updates_of_a_bulk_restricted_organisation_are_hidden_at_once(client, member_factory, organisation,
                                                                      home_page, user_factory):
    author = member_factory()
    update = service.post_update(author, organisation, OrganisationUpdate.Kind.CHALLENGE, "Brakuje tłumaczy", "pl",
                                 sectors=Sector.objects.filter(code="housing"))

    def seen():
        feed = feed_pks(client.get(reverse("community:updates")))
        challenges = client.get(reverse("community:challenges")).context["total"]
        detail = client.get(reverse("community:update", args=[update.pk])).status_code
        home = "Brakuje tłumaczy" in client.get(home_page.url).content.decode()
        return feed, challenges, detail, home

    assert seen() == ([update.pk], 1, 200, True)
    assert _digest(f"community.update:{update.pk}").audience == PUBLIC

    _restrict(organisation)
    assert seen() == ([], 0, 404, False)
    assert _digest(f"community.update:{update.pk}").audience.login

    client.force_login(user_factory())
    assert seen() == ([update.pk], 1, 200, True)


def test_threads_of_a_bulk_restricted_group_are_mailed_within_the_restriction(thread, group):
    readers = Group.objects.create(name="Czytelnicy grupy")
    assert _digest(f"community.thread:{thread.pk}").audience.auth_groups == frozenset()

    _restrict(group, PageViewRestriction.GROUPS, [readers])
    audience = _digest(f"community.thread:{thread.pk}").audience
    assert audience.auth_groups == frozenset({readers.pk}) and audience.working_groups == frozenset({group.pk})


def test_a_thread_open_to_registered_members_follows_its_group_pages_restriction(client, group, coordinator,
                                                                                 outsider, user_factory):
    thread = discussions.start_thread(coordinator, group, "Dla wszystkich", "Pierwszy wpis",
                                      visibility=Thread.Visibility.REGISTERED)
    post = Post.objects.filter(thread=thread).first()
    client.force_login(outsider)
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 200

    readers = Group.objects.create(name="Czytelnicy grupy")
    _restrict(group, PageViewRestriction.GROUPS, [readers])
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 404
    assert client.post(reverse("community:report_post", args=[post.pk]), {"reason": "x"}).status_code == 404
    reader = user_factory()
    reader.groups.add(readers)
    client.force_login(reader)
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 200
