"""core.access agrees with Wagtail's own view-restriction check on randomly generated page trees.

Hypothesis builds trees of up to a dozen pages under the root in two languages — nested
restrictions of every kind (login, groups, shared password, several groups), translations
(pages sharing a translation key in the other locale's tree), aliases and aliases of aliases
(possibly in the other language, possibly restricted themselves: Wagtail ignores that) — and
for each page and each reader (anonymous, signed in without groups, in group A, in B, in both,
superuser; with or without a session that entered some of the passwords) compares:

- `core.access.applying` with `Page.get_view_restrictions` (the same restrictions),
- `core.access.can_view` with `all(r.accept_request(request) for r in ...)`,
- `visible_pages_for` with Wagtail's answer for a request without any password entered,
- `audience_of(page).allows(user)` with the same.

Examples are derandomised (the same ones on every run, so CI is repeatable) but cover the space:
raise `max_examples` locally to search further.
"""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, Page, PageViewRestriction

from core import access

KINDS = (None, None, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS, PageViewRestriction.PASSWORD)

# One node: (parent choice, language, alias of, translation of, restriction kind, restriction groups).
# Choices are indexes into the nodes made before it (modulo their number); 0 for the parent means the root.
NODE = st.tuples(
    st.integers(0, 50),
    st.sampled_from(("pl", "en")),
    st.none() | st.integers(0, 50),
    st.none() | st.integers(0, 50),
    st.sampled_from(KINDS),
    st.frozensets(st.sampled_from(("a", "b"))),
)
TREES = st.lists(NODE, min_size=1, max_size=12)
PASSWORDS_ENTERED = st.frozensets(st.integers(0, 11))


def build(nodes, locales, groups):
    """Create the pages and restrictions `nodes` describe; [(page, restriction or None)] in creation order."""
    root = Page.get_first_root_node()
    made = []
    for index, (parent_choice, language, alias_choice, translation_choice, kind, group_names) in enumerate(nodes):
        parent = root if not made or parent_choice % (len(made) + 1) == 0 else made[parent_choice % len(made)][0]
        parent = Page.objects.get(pk=parent.pk)  # fresh tree fields (numchild) after earlier add_child
        alias_of = made[alias_choice % len(made)][0] if made and alias_choice is not None else None
        key = uuid.uuid4()
        if made and translation_choice is not None:
            source = made[translation_choice % len(made)][0]
            if source.locale.language_code != language:
                key = source.translation_key
                if Page.objects.filter(translation_key=key, locale=locales[language]).exists():
                    key = uuid.uuid4()
        page = parent.add_child(instance=Page(
            title=f"Page {index}", slug=f"page-{index}", locale=locales[language], translation_key=key,
            alias_of=alias_of, live=True))
        restriction = None
        if kind is not None:
            restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")
            if kind == PageViewRestriction.GROUPS:
                restriction.groups.set([groups[name] for name in sorted(group_names)])
        made.append((page, restriction))
    return made


def wagtail_accepts(page, user, passed_ids):
    """Wagtail's own answer: every restriction `Page.get_view_restrictions` finds accepts the request."""
    request = RequestFactory().get("/")
    request.user = user
    request.session = {PageViewRestriction.passed_view_restrictions_session_key: list(passed_ids)}
    return all(restriction.accept_request(request) for restriction in Page.get_view_restrictions(page))


@pytest.fixture
def readers(db, user_factory):
    groups = {name: Group.objects.create(name=f"access-property-{name}") for name in ("a", "b")}
    readers = {"anonymous": AnonymousUser(), "signed in": user_factory(), "superuser": user_factory(is_superuser=True)}
    for names in ("a", "b", "ab"):
        user = user_factory()
        user.groups.set([groups[name] for name in names])
        readers[f"in {names}"] = user
    return groups, readers


@pytest.mark.django_db
def test_core_access_agrees_with_wagtail_on_random_trees(readers):
    groups, users = readers
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("pl", "en")}

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(TREES, PASSWORDS_ENTERED)
    def check(nodes, entered):
        with transaction.atomic():
            made = build(nodes, locales, groups)
            pages = [Page.objects.get(pk=page.pk) for page, _restriction in made]  # as a request would load them
            passwords = [r.pk for _page, r in made if r is not None and r.restriction_type == r.PASSWORD]
            passed = {pk for i, pk in enumerate(passwords) if i in entered}
            catalogue = access.restrictions()
            for page in pages:
                wagtail = {r.pk for r in Page.get_view_restrictions(page)}
                assert {r.id for r in access.applying(page, catalogue)} == wagtail, page.path
            ids = [page.pk for page in pages]
            for name, user in users.items():
                visible = set(access.visible_pages_for(user, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
                for page in pages:
                    expected = wagtail_accepts(page, user, passed)
                    session = {PageViewRestriction.passed_view_restrictions_session_key: list(passed)}
                    assert access.can_view(user, page, session=session, catalogue=catalogue) == expected, (name, page)
                    without_password = wagtail_accepts(page, user, ())
                    assert (page.pk in visible) == without_password, (name, page.path)
                    assert access.audience_of(page, catalogue).allows(user) == without_password, (name, page.path)
            transaction.set_rollback(True)

    check()


@pytest.mark.django_db
def test_an_alias_of_an_alias_takes_its_sources_restriction_and_ignores_its_own(readers):
    """The case the old helpers got wrong (one level of aliases), spelled out."""
    _groups, users = readers
    root = Page.get_first_root_node()
    source = root.add_child(instance=Page(title="Source", slug="source"))
    PageViewRestriction.objects.create(page=source, restriction_type=PageViewRestriction.LOGIN)
    alias = root.add_child(instance=Page(title="Alias", slug="alias", alias_of=source))
    alias_of_alias = root.add_child(instance=Page(title="Alias 2", slug="alias-2", alias_of=alias))
    below = alias_of_alias.add_child(instance=Page(title="Below", slug="below"))
    PageViewRestriction.objects.create(page=alias_of_alias, restriction_type=PageViewRestriction.PASSWORD)

    for page in (alias, alias_of_alias, below):
        assert not access.can_view(users["anonymous"], page)
        assert access.can_view(users["signed in"], page)  # the alias's own password restriction is ignored
        assert {r.id for r in access.applying(page)} == {r.pk for r in Page.get_view_restrictions(page)}
