"""Reports → Joint positions: the Secretariat's overview, refused to other staff."""

import pytest
from django.urls import reverse

from positions.actions import add_comment, sign

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_every_position_with_pending_comments_and_signatures(client, world, group_position,
                                                                                  secretariat_position):
    add_comment(world.member, group_position, group_position.paragraphs()[0][0], "Uwaga", world.org.pk)
    sign(world.manager, secretariat_position, world.org.pk)
    client.force_login(world.secretariat)
    html = client.get(reverse("positions_report")).content.decode()
    assert "Edukacja dzieci z Ukrainy" in html and "Apel o dostęp do mieszkań" in html
    assert reverse("wagtailadmin_pages:edit", args=[group_position.pk]) in html
    client.force_login(world.coordinator)
    response = client.get(reverse("positions_report"))
    assert response.status_code in (302, 403) and "Edukacja dzieci z Ukrainy" not in response.content.decode()
