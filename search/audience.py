"""Who may read what: audience tokens stored with each entry and held by each reader.

An entry lists the tokens of the readers who may open it; a reader holds tokens;
search keeps entries sharing at least one token. Tokens:
``public`` (everyone), ``login`` (any signed-in user), ``group:<auth group id>``
(Wagtail page view restrictions), and tokens that apps' adapters define through
`search.registry.register_audience_provider` (e.g. ``wg:<id>`` for a working group).
"""

from django.contrib.auth.models import Group

from .registry import audience_providers

PUBLIC = "public"
LOGIN = "login"


def group_token(group_id):
    return f"group:{group_id}"


def is_coordinator(user):
    """Coordinators (Secretariat, superusers) may open everything, so nothing is filtered."""
    from accounts.roles import SECRETARIAT

    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=SECRETARIAT).exists()


def reader_tokens(user):
    """The tokens `user` holds, or None for a coordinator (no filter)."""
    if user is None or not user.is_authenticated:
        return {PUBLIC}
    if is_coordinator(user):
        return None
    tokens = {PUBLIC, LOGIN}
    tokens.update(group_token(pk) for pk in Group.objects.filter(user=user).values_list("pk", flat=True))
    for provider in audience_providers():
        tokens.update(provider(user))
    return tokens


def page_audience(page):
    """Tokens of a Wagtail page from its (inherited) view restrictions; None if password-only."""
    from wagtail.models import PageViewRestriction

    tokens = None
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return None  # only those who know the password may read it: never searchable
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            allowed = {LOGIN}
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = {group_token(pk) for pk in restriction.groups.values_list("pk", flat=True)}
        else:
            continue
        # Nested restrictions all apply: the reader must pass each of them.
        tokens = allowed if tokens is None else _narrow(tokens, allowed)
    return {PUBLIC} if tokens is None else tokens


def _narrow(outer, inner):
    """Readers passing both restrictions: a group restriction is narrower than "login"."""
    if outer == {LOGIN}:
        return inner
    if inner == {LOGIN}:
        return outer
    return outer & inner
