"""Who may read what: Wagtail view restrictions applied to a subscriber instead of a request.

Wagtail checks `PageViewRestriction.accept_request(request)` while serving a page; a digest
has no request, so the same rules (core.access, the one place they are written) are applied
to the subscriber's account: public → everyone; "logged-in users" → anyone with an account;
"specific groups" → members of one of those groups (superusers always); "shared password" →
never mailed, since the password cannot travel with the e-mail. Restrictions of ancestors
apply to descendants, and an alias takes its source page's.
"""

from django.contrib.auth import get_user_model

from core.access import audiences_of

from .sources import ANONYMOUS, PUBLIC, Audience, Reader, working_groups_of


def digest_audience(audience):
    """The digests' Audience of a core.access.Audience.

    Nested group restrictions keep only the groups named by all of them (none in common:
    nobody is mailed), never more readers than Wagtail lets in.
    """
    if audience.public:
        return PUBLIC
    groups = audience.groups
    nobody = audience.password or groups == frozenset()
    return Audience(login=audience.login, auth_groups=groups or frozenset(), nobody=nobody)


def page_audiences(pages):
    """{page.pk: Audience} for many pages in one query (every restriction of the site is read once)."""
    return {pk: digest_audience(audience) for pk, audience in audiences_of(pages).items()}


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
