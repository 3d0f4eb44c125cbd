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
    from accounts.roles import is_secretariat

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
    tokens.update(group_token(pk) for pk in Group.objects.filter(user=user).values_list("pk", flat=True))
    for provider in audience_providers():
        tokens.update(provider(user))
    return tokens


def all_restrictions():
    """Every page view restriction as (page path, restriction with its groups): few rows, two queries.

    The rebuild loads them once per chunk instead of two queries per page."""
    from wagtail.models import PageViewRestriction

    rows = PageViewRestriction.objects.select_related("page").only(
        "restriction_type", "page__path").prefetch_related("groups")
    return [(restriction.page.path, restriction) for restriction in rows]


def page_audience(page, restrictions=None):
    """Tokens of a Wagtail page from its (inherited) view restrictions; None if password-only.

    `restrictions`: the result of `all_restrictions()`, to avoid querying per page."""
    from wagtail.models import PageViewRestriction

    if restrictions is None:
        applying = page.get_view_restrictions()
    else:  # a restriction applies to its page and every page below it (materialised paths)
        applying = [restriction for path, restriction in restrictions if page.path.startswith(path)]
    tokens = None
    for restriction in applying:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return None  # only those who know the password may read it: never searchable
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            allowed = {LOGIN}
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            allowed = {group_token(group.pk) for group in restriction.groups.all()}
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
