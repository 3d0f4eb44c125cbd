"""The permission matrix: every URL of the site and the API × every role, from one table.

The table is tests/permission_matrix.py; the people and objects are tests/permission_world.py,
built once for this module. `test_every_url_has_a_row` walks the URL resolver, the page types
and the routable pages' routes, and fails for any of them without a row, printing the row to add.
"""

import copy
import re
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation

from tests.permission_matrix import ADMIN_SWEEP_EXCEPTIONS, MATRIX
from tests.permission_world import ROLES, build_world

TABLE = "tests/permission_matrix.py"
ADMIN_PREFIXES = ("admin/", "django-admin/")
SAMPLE_VALUES = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000001"}
ROWS = {r.key: r for r in MATRIX}


# ---------------------------------------------------------------- what must be covered

def _local_app_labels():
    return {apps.get_app_config(name.split(".")[-1]).label for name in settings.LOCAL_APPS}


def url_patterns():
    """Every URL pattern as (key, route text, chain of pattern objects, callback)."""
    found = []

    def walk(resolver, chain, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, [*chain, pattern.pattern], ns)
            elif isinstance(pattern, URLPattern):
                full_chain = [*chain, pattern.pattern]
                route = "".join(str(p) for p in full_chain)
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found.append((name, route, full_chain, pattern.callback))

    with translation.override(settings.LANGUAGE_CODE):
        walk(get_resolver(), [], None)
    names = [name for name, *_ in found]
    # A name used by two patterns (or none) is keyed by its route text as well.
    return [((name if name and names.count(name) == 1 else f"{name or ''} {route}".strip()), route, chain, callback)
            for name, route, chain, callback in found]


def is_project_callback(callback):
    module = getattr(callback, "__module__", "") or ""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    return module.split(".")[0] in _local_app_labels() | {"cms"}


def is_third_party_admin(route, callback):
    return route.startswith(ADMIN_PREFIXES) and not is_project_callback(callback)


def page_keys():
    """page:… for every page type of our apps, route:… for every route of a routable one."""
    from wagtail.models import get_page_models

    labels = _local_app_labels()
    keys = {}
    for model in get_page_models():
        if model._meta.app_label not in labels or model._meta.abstract:
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        keys[f"page:{label}"] = model
        if hasattr(model, "get_subpage_urls"):
            for pattern in model.get_subpage_urls():
                keys[f"route:{label}:{pattern.name}"] = model
    return keys


def required_keys():
    keys = {key: route for key, route, _chain, callback in url_patterns()
            if not is_third_party_admin(route, callback)}
    keys.update({key: key for key in page_keys()})
    return keys


# ---------------------------------------------------------------- requesting

def _sample_group(match):
    """A value for a regex group: the first word of an alternation ("csv|xlsx" → "csv"), else "1"."""
    body = match.group(1)
    return body.split("|")[0] if re.fullmatch(r"\w+(\|\w+)+", body) else "1"


def sample_path(chain):
    """A path matching the pattern chain, placeholder values for its arguments (None if not buildable)."""
    parts = []
    for pattern in chain:
        text = str(pattern)
        if isinstance(pattern, RoutePattern):
            text = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "1"), text)
        elif text.startswith("^") or text.endswith("$") or "(?P<" in text:
            text = re.sub(r"\(\?P<\w+>((?:[^()]|\([^()]*\))*)\)", _sample_group, text.strip("^$"))
            text = re.sub(r"\\(.)", r"\1", text.replace(".*", "x"))
            if re.search(r"[()\[\]*+?|]", text):
                return None
        parts.append(text)
    return "/" + "".join(parts)


def login_paths():
    paths = {reverse("wagtailadmin_login"), "/django-admin/login/"}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths |= {reverse("account_login"), reverse("wagtailcore_login")}
    return paths


LOGIN_PATHS = None


def outcome(response):
    """The status as the table writes it: "login" for a redirect to a log-in page, "refused" for a
    redirect carrying an error message, "302" for another redirect."""
    global LOGIN_PATHS
    if response.status_code in (302, 303):
        LOGIN_PATHS = LOGIN_PATHS or login_paths()
        if urlparse(response["Location"]).path in LOGIN_PATHS:
            return "login"
        errors = [str(m) for m in messages.get_messages(response.wsgi_request) if m.level >= messages.ERROR]
        if errors:
            return f"refused ({errors[0][:120]})"
        return "302"
    return str(response.status_code)


def fetch(client, method, path, data=None):
    """One request in a savepoint that is rolled back, with the client's cookies put back afterwards."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            try:
                response = client.post(path, data or {}) if method == "POST" else client.generic(method, path)
                result = outcome(response)
            except Exception as error:  # a 500: reported with the exception, not raised
                result = f"500 ({type(error).__name__}: {str(error)[:120]})"
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return result


def row_path(r, world):
    if r.path is not None:
        return r.path(world)
    kwargs = r.args(world) if r.args else None
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(r.url_key, kwargs=kwargs)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world and one logged-in client per role, built once and rolled back after the module."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            w = build_world()
            w.clients = {role: Client() for role in ROLES}
            for role, user in w.users.items():
                w.clients[role].force_login(user)
            yield w
            transaction.set_rollback(True)


@pytest.fixture
def matrix(world, db):
    from django.core.cache import cache

    cache.clear()  # rate-limit counters and cached fragments from other tests
    return world


# ---------------------------------------------------------------- tests

def test_every_url_has_a_row(matrix):
    duplicated = sorted({r.key for r in MATRIX if [x.key for x in MATRIX].count(r.key) > 1})
    assert not duplicated, f"rows listed twice in {TABLE}: {duplicated}"
    required = required_keys()
    chains = {key: (route, chain) for key, route, chain, _cb in url_patterns()}
    covered = {r.url_key for r in MATRIX}
    known = set(required) | {key for key, *_ in url_patterns()}
    missing = [key for key in required if key not in covered]
    stale = [r.key for r in MATRIX if r.url_key not in known and not r.upcoming]
    lines = []
    for key in missing:
        route, chain = chains.get(key, (key, None))
        path = sample_path(chain) if chain else None
        if path is None:
            observed = "? ? ? ? ? ?"
        else:
            observed = " ".join(fetch(matrix.clients[role], "GET", path).split()[0] for role in ROLES)
        hint = "path=url_of(...)" if key.startswith(("page:", "route:")) else "args=lambda w: {...}"
        lines.append(
            f"  no row for {key!r} ({route}); seen with placeholder arguments ({path}): {observed}\n"
            f"    add to MATRIX in {TABLE}, with the statuses each role SHOULD get (decide; do not copy blindly):\n"
            f"    row({key!r}, \"{observed}\"{', ' + hint if '<' in route or '(?P' in route or key.startswith(('page:', 'route:')) else ''}),"
        )
    for key in stale:
        lines.append(f"  row {key!r} in {TABLE} matches no URL pattern, page type or route any more: remove or rename it")
    assert not lines, "Permission matrix out of date:\n" + "\n".join(lines)


@pytest.mark.parametrize("key", sorted(ROWS))
def test_row(matrix, key):
    r = ROWS[key]
    if r.upcoming and r.url_key not in {k for k, *_ in url_patterns()} | set(page_keys()):
        pytest.skip(f"{r.url_key} is not merged yet")
    path = row_path(r, matrix)
    data = r.data(matrix) if callable(r.data) else r.data
    got = {role: fetch(matrix.clients[role], r.method, path, data) for role in ROLES}
    wrong = [f"  {role}: expected {r.expected(role)}, got {got[role]}" for role in ROLES
             if got[role].split()[0] != r.expected(role)]
    observed = " ".join(got[role].split()[0] for role in ROLES)
    assert not wrong, (
        f"{key} ({r.method} {path}):\n" + "\n".join(wrong)
        + f"\n  if the new behaviour is intended, change its row in {TABLE} to \"{observed}\""
    )


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_admin_urls_send_non_staff_to_log_in(matrix, role):
    """Every third-party admin URL (Wagtail, Django admin, wagtail-localize…) with placeholder arguments."""
    client = matrix.clients[role]
    wrong = []
    for key, route, chain, callback in url_patterns():
        if not is_third_party_admin(route, callback):
            continue
        expected = ADMIN_SWEEP_EXCEPTIONS.get(key, {}).get(role, "login")
        path = sample_path(chain)
        if path is None:
            wrong.append(f"  {key}: cannot build a sample path for {route}; add it to ADMIN_SWEEP_EXCEPTIONS with a path")
            continue
        got = fetch(client, "GET", path)
        if got.split()[0] != expected:
            wrong.append(f"  {key} (GET {path}): expected {expected}, got {got}")
    assert not wrong, f"admin URLs reachable by {role} (fix the view or list it in ADMIN_SWEEP_EXCEPTIONS in {TABLE}):\n" + "\n".join(wrong)


def test_sample_paths_resolve_to_their_own_pattern():
    """The placeholder paths really reach the pattern they stand for (or the sweep would test the wrong view)."""
    wrong = []
    for key, route, chain, callback in url_patterns():
        path = sample_path(chain)
        if path is None or not is_third_party_admin(route, callback):
            continue
        try:
            match = resolve(path)
        except Exception as error:
            wrong.append(f"  {key}: {path} does not resolve ({error})")
            continue
        if match.func is not callback:
            wrong.append(f"  {key}: {path} resolves to {match.view_name}")
    assert not wrong, "\n".join(wrong)


def test_password_protected_document_is_not_served_without_the_password(matrix):
    for role in ROLES:
        response = matrix.clients[role].get(matrix.private_document.url)
        assert response["Content-Type"].startswith("text/html"), role  # the password form, not the PDF
    assert matrix.clients["anonymous"].get(matrix.document.url)["Content-Type"] == "application/pdf"
