"""A person's comments and signatures in their data export; erasure keeps them without the person."""

import pytest

from accounts.privacy import collect_personal_data, erase_user
from positions.actions import add_comment, answer_comment, sign
from positions.models import Comment, Signature
from search import indexing

pytestmark = pytest.mark.django_db


def test_export_and_erasure(client, world, group_position, secretariat_position):
    comment = add_comment(world.manager, group_position, group_position.paragraphs()[0][0], "Moja uwaga", world.org.pk)
    answer_comment(world.coordinator, comment, "rejected", "Poza zakresem")
    sign(world.manager, secretariat_position, world.org.pk)
    data = collect_personal_data(world.manager)["positions"]
    assert data["position_comments"][0]["text"] == "Moja uwaga"
    assert data["position_signatures"][0]["organisation"] == "Fundacja Ocalenie"
    assert collect_personal_data(world.coordinator)["positions"]["position_answers"][0]["reason"] == "Poza zakresem"
    assert collect_personal_data(world.member)["positions"]["position_comments"] == []

    erase_user(world.manager)
    comment = Comment.objects.get()
    assert comment.author is None and comment.text == "Moja uwaga"
    assert Signature.objects.get().signed_by is None
    client.force_login(world.member)
    html = client.get(group_position.url).content.decode()
    assert "Moja uwaga" in html and "Menedżer" not in html


def test_a_comment_is_read_only_by_members_on_the_position_page(client, settings, world, group_position,
                                                               secretariat_position, user_factory):
    settings.ELASTICSEARCH_URL = ""  # the database engine: the complete copy
    add_comment(world.member, group_position, group_position.paragraphs()[0][0], "zxqvprivatnauwaga", world.org.pk)
    indexing.rebuild()
    urls = ["/pl/", group_position.url, world.index.url, world.index.url + "feed/atom/", "/api/v1/positions",
            f"/api/v1/positions/{group_position.pk}", "/sitemap.xml", "/pl/search/?q=zxqvprivatnauwaga",
            "/api/v1/search?q=zxqvprivatnauwaga"]

    def found(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return [url for url in urls if "zxqvprivatnauwaga" in client.get(url).content.decode()
                and "search" not in url]

    assert found(None) == []
    assert found(user_factory(email="nobody@example.org")) == []
    assert found(world.manager) == [group_position.url]
    assert found(world.coordinator) == [group_position.url]
    # The search page echoes the query, never a hit: no result links to the position for the comment.
    assert group_position.url not in client.get("/pl/search/?q=zxqvprivatnauwaga").content.decode()
