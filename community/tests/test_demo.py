"""The demo discussions load in the demo groups and a second run creates nothing."""

import pytest

from community import demo
from community.models import OrganisationUpdate, Post, Thread

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_readable(client, group, member):
    demo.load(lambda message: None)
    threads, posts = Thread.objects.count(), Post.objects.count()
    assert threads == 3 and posts == 5
    demo.load(lambda message: None)
    assert (Thread.objects.count(), Post.objects.count()) == (threads, posts)
    client.force_login(member)
    for thread in Thread.objects.all():
        assert client.get(thread.get_absolute_url()).status_code == 200


def test_demo_without_groups_does_nothing(db):
    messages = []
    demo.load(messages.append)
    assert not Thread.objects.exists()
    assert messages == ["no organisations yet: no member updates", "no working groups yet: no discussions"]


def test_demo_updates_are_idempotent_and_shown(client, organisation):
    demo.load(lambda message: None)
    count = OrganisationUpdate.objects.count()
    assert count == len(demo.UPDATES)
    assert OrganisationUpdate.objects.challenges().count() == 2
    demo.load(lambda message: None)
    assert OrganisationUpdate.objects.count() == count
    html = client.get("/en/challenges/").content.decode()
    assert "tłumaczy przysięgłych" in html and "Landlords" in html
