"""Who may read what: audience tokens stored with each entry and held by each reader.

An entry lists the tokens of the readers who may open it; a reader holds tokens;
search keeps entries sharing at least one token. Tokens:
``public`` (everyone), ``login`` (any signed-in user), ``group:<auth group id>``
(Wagtail page view restrictions), and tokens that apps' adapters define through
`search.registry.register_audience_provider` (e.g. ``wg:<id>`` for a working group).
"""

from accounts.roles import is_secretariat
from core.access import audience_of, group_ids

from .registry import audience_providers

PUBLIC = "public"
LOGIN = "login"


def group_token(group_id):
    return f"group:{group_id}"


def is_coordinator(user):
    """Coordinators (Secretariat, superusers) may open everything, so nothing is filtered."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_secretariat(user)


def reader_tokens(user):
    """The tokens `user` holds, or None for a coordinator (no filter)."""
    if user is None or not user.is_authenticated:
        return {PUBLIC}
    if is_coordinator(user):
        return None
    tokens = {PUBLIC, LOGIN}
    tokens.update(group_token(pk) for pk in group_ids(user))
    for provider in audience_providers():
        tokens.update(provider(user))
    return tokens


def page_audience(page, catalogue=None):
    """Tokens of a Wagtail page from its view restrictions (core.access: inherited, aliases resolved);
    None if a password applies (only those who know it may read it: never searchable).

    `catalogue`: a `core.access.restrictions()` result, to avoid a query per page. Nested group
    restrictions keep the groups all of them name (core.access.Audience.groups)."""
    audience = audience_of(page, catalogue)
    if audience.password:
        return None
    if audience.group_sets:
        return {group_token(group_id) for group_id in audience.groups}
    return {LOGIN} if audience.login else {PUBLIC}
