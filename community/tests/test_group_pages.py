"""community.group_pages finds the working groups' pages without the groups app's classes: it must agree with them."""

import pytest

from community.group_pages import ACTIVE, active_group_pages, group_pages
from groups.factories import WorkingGroupPageFactory
from groups.models import WorkingGroupPage

pytestmark = pytest.mark.django_db


def test_the_active_status_is_the_groups_own_value():
    assert ACTIVE == WorkingGroupPage.Status.ACTIVE


def test_group_pages_are_every_working_group_and_nothing_else(group, other_group, group_index, home_page):
    archived = WorkingGroupPageFactory(parent=group_index, title="Granica", slug="granica",
                                       status=WorkingGroupPage.Status.ARCHIVED)
    draft = WorkingGroupPageFactory(parent=group_index, title="Zdrowie", slug="zdrowie", live=False)

    assert sorted(page.pk for page in group_pages()) == sorted(WorkingGroupPage.objects.values_list("pk", flat=True))
    assert {type(page) for page in group_pages()} == {WorkingGroupPage}
    active = {page.pk for page in active_group_pages()}
    assert active == {group.pk, other_group.pk}
    assert archived.pk not in active and draft.pk not in active and group_index.pk not in active
