"""Meetings and working-group news for digests (the content-source protocol of digests.sources)."""

from django.utils import timezone

from digests.pages import page_digest_items, under
from home.models import NewsPage

from .models import GroupMembership, MeetingPage, WorkingGroupPage


def _groups():
    """[(path, depth, canonical group id, sector codes)] of every working group, translations included (2 queries).

    Memberships hang off the first page of a group's translations, so every translation maps to it.
    """
    pages = list(WorkingGroupPage.objects.order_by("pk").prefetch_related("sectors"))
    canonical = {}
    for page in pages:
        canonical.setdefault(page.translation_key, page.pk)
    return [(page.path, page.depth, canonical[page.translation_key], [term.code for term in page.sectors.all()])
            for page in pages]


def _group_of(groups, page):
    for path, _depth, group_id, sectors in groups:
        if page.path.startswith(path):
            return group_id, sectors
    return None, []


def digest_items(start, end):
    """Meetings (Forum-wide and of groups) and news of working groups first published in [start, end)."""
    groups = _groups()

    def meeting_summary(page):
        when = timezone.localtime(page.start).strftime("%Y-%m-%d %H:%M")
        return f"{when} · {page.introduction}" if page.introduction else when

    items = page_digest_items(
        MeetingPage.objects.all(), start, end, "meetings", summary=meeting_summary,
        sectors=lambda page: _group_of(groups, page)[1],
        working_groups=lambda page: [group_id] if (group_id := _group_of(groups, page)[0]) else [],
    )
    in_groups = under((path, depth) for path, depth, _group_id, _sectors in groups)
    if in_groups is not None:
        items += page_digest_items(
            NewsPage.objects.filter(in_groups), start, end, "group-news",
            summary=lambda page: page.introduction or page.search_description,
            sectors=lambda page: _group_of(groups, page)[1],
            working_groups=lambda page: [_group_of(groups, page)[0]],
        )
    return items


def working_groups_of(user_ids):
    """{user id: ids of the working groups they actively belong to} (one query)."""
    result = {}
    for user_id, group_id in GroupMembership.objects.active().filter(user_id__in=user_ids).values_list(
        "user_id", "group_id"
    ):
        result.setdefault(user_id, set()).add(group_id)
    return result


def members_of_working_groups(group_ids):
    """Ids of the active members of these groups, whichever translation of a group is named (one query)."""
    keys = WorkingGroupPage.objects.filter(pk__in=group_ids).values("translation_key")
    return set(GroupMembership.objects.active().filter(group__translation_key__in=keys).values_list("user_id", flat=True))


def organisations_of_working_groups(group_ids):
    """Ids of the organisations that active members represent in these groups (any translation named)."""
    keys = WorkingGroupPage.objects.filter(pk__in=group_ids).values("translation_key")
    return set(GroupMembership.objects.active().filter(group__translation_key__in=keys, organisation__isnull=False)
               .values_list("organisation_id", flat=True))
