"""Who may read what: Wagtail view restrictions applied to a subscriber instead of a request.

Wagtail checks `PageViewRestriction.accept_request(request)` while serving a page; a digest
has no request, so the same rules are applied to the subscriber's account:
public → everyone; "logged-in users" → anyone with an account; "specific groups" → members of
one of those groups (superusers always); "shared password" → never mailed, since the
password cannot travel with the e-mail. Restrictions of ancestors apply to descendants.
"""

from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from .sources import ANONYMOUS, PUBLIC, Audience, Reader, working_groups_of


def audience_of_restriction(restriction, group_ids=None):
    """The Audience of one PageViewRestriction."""
    kind = restriction.restriction_type
    if kind == PageViewRestriction.LOGIN:
        return Audience(login=True)
    if kind == PageViewRestriction.GROUPS:
        groups = frozenset(group_ids if group_ids is not None else (g.pk for g in restriction.groups.all()))
        return Audience(login=True, auth_groups=groups) if groups else Audience(nobody=True)
    if kind == PageViewRestriction.PASSWORD:
        return Audience(nobody=True)
    return PUBLIC


def page_audiences(pages):
    """{page.pk: Audience} for many pages in two queries (every restriction of the site is read once)."""
    restrictions = [
        (restriction.page.path, audience_of_restriction(restriction))
        for restriction in PageViewRestriction.objects.exclude(restriction_type=PageViewRestriction.NONE)
        .select_related("page").prefetch_related("groups")
    ]
    audiences = {}
    for page in pages:
        audience = PUBLIC
        for path, restriction_audience in restrictions:
            if page.path.startswith(path):
                audience = audience.restricted_by(restriction_audience)
        audiences[page.pk] = audience
    return audiences


def readers_for(users):
    """{user.pk: Reader} for several users: their groups and working groups in two queries."""
    users = [user for user in users if user is not None]
    if not users:
        return {}
    User = get_user_model()
    memberships = {}
    for user_id, group_id in User.groups.through.objects.filter(
        **{f"{User._meta.model_name}_id__in": [user.pk for user in users]}
    ).values_list(f"{User._meta.model_name}_id", "group_id"):
        memberships.setdefault(user_id, set()).add(group_id)
    working = working_groups_of([user.pk for user in users])
    return {
        user.pk: Reader(
            user_id=user.pk,
            is_superuser=user.is_superuser,
            auth_groups=frozenset(memberships.get(user.pk, ())),
            working_groups=working.get(user.pk, frozenset()),
        )
        for user in users
        if user.is_active
    }


def reader_for(user):
    """The Reader of one user (ANONYMOUS for None, an anonymous or an inactive user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    return readers_for([user]).get(user.pk, ANONYMOUS)


def page_visible_to(page, user):
    """Whether `page` may appear in an e-mail to `user` (None: a subscriber without account)."""
    return page_audiences([page])[page.pk].allows(reader_for(user))
