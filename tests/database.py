"""The test database is as migrations left it before every test, whatever ran before.

Loaded for the whole suite by the root conftest.py (`pytest_plugins`).

Most tests run inside a transaction that is rolled back (`db`). Transactional tests
(`transactional_db`: browser tests, the live server, on-commit work, the fault tests) end
with a flush instead, which empties every table: the locales, the page tree, the site and
the roles that data migrations created are gone. In a serial run pytest-django puts the
transactional tests last, so nothing noticed; with pytest-xdist (`--dist loadfile` sends
whole files to a worker) and pytest-randomly, ordinary tests run after them. So:

- the migrated database is serialized once per run (Django does it only when a collected
  test asks for `serialized_rollback`);
- after a transactional test, the next test that uses the database first gets the
  serialized database back (a flush, then the rows re-inserted with model signals muted);
- a reused test database (`--reuse-db`) is left as migrated at the end of the run, and one
  that a killed run left flushed is recreated at the start.

The starting database is the migrated one plus the page tree in the three site languages
(`build_page_tree`: the home page's uk and en translations, which the `home_pages` fixture
returns), built once per run instead of in every test that asks for it.
"""

import functools
import json

import pytest

from home.translation import ensure_translation
from search.tasks import paused

# live_server: pytest-django asks for transactional_db on the fly (not in the test's fixture names).
DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
TRANSACTIONAL_FIXTURES = DB_FIXTURES - {"db"}
_dirty = []  # [True] once a transactional test has flushed the database, until it is restored
# The migrated database, serialized (kept here too: Playwright switches the thread's context, and
# with it Django's connection objects).
_serialized = {}


# The home page's translations in the starting database (`home_pages` in the root conftest.py).
HOME_TITLES = {"uk": "Forum Razem uk", "en": "Forum Razem en"}


def build_page_tree():
    """Add the uk and en translations of the default site's home page where missing; say whether
    anything was added. Search updates are not queued: every search test builds its own index."""
    from wagtail.models import Locale, Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    missing = [code for code in HOME_TITLES
               if home.get_translation_or_none(Locale.objects.get(language_code=code)) is None]
    with paused():
        for code in missing:
            ensure_translation(home, code, title=HOME_TITLES[code])
    return bool(missing)


def as_migrated():
    """Whether the database holds what migrations create (the default site and the three locales)
    and nothing that tests add: no user, no page below the home pages. A run killed during a
    transactional test leaves its committed rows in a reused database; serialized as the starting
    state, they would be in every test of the next run."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale, Page, Site

    return (Site.objects.filter(is_default_site=True).exists() and Locale.objects.count() >= 3
            and not Page.objects.filter(depth__gt=2).exists() and not get_user_model().objects.exists())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, checked, with the page tree, serialized, and left so at the end."""
    from django.db import connection

    with django_db_blocker.unblock():
        rebuilt = not as_migrated()
        if rebuilt:
            # A reused database that a killed run left flushed or with a test's rows: build it
            # again from migrations (and serialize it again: pytest-django may have serialized it).
            connection.close()
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        # pytest-django may have serialized the database before the tree was added: again then.
        grown = build_page_tree()
        if rebuilt or grown or not getattr(connection, "_test_serialized_contents", None):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        _serialized["default"] = connection._test_serialized_contents
    yield
    if _dirty:
        with django_db_blocker.unblock():
            restore(connection)


def restore(connection):
    """Put the serialized starting database back."""
    deserialize_quietly(connection.creation, _serialized["default"])
    _dirty.clear()


def _db_use(item):
    """(uses the database, is transactional) for a test item."""
    names = set(item.fixturenames)
    marker = item.get_closest_marker("django_db")
    transactional = bool(names & TRANSACTIONAL_FIXTURES) or bool(marker and marker.kwargs.get("transaction"))
    return transactional or bool(marker) or bool(names & DB_FIXTURES), transactional


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture (the test's transaction starts in one): put the migrated database back
    when a transactional test flushed it. A serialized-rollback test restores it itself."""
    uses_db, transactional = _db_use(item)
    if _dirty and uses_db and "django_db_serialized_rollback" not in item.fixturenames:
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            restore(connection)
    if transactional:
        # Its teardown flushes the tables (noted now: the last test's teardown also ends the session).
        _dirty[:] = [True]


@pytest.fixture(autouse=True)
def _forget_content_types():
    """Forget the cached content types around every test: their rows come and go with flushes."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


_original_deserialize = None


def deserialize_quietly(creation, data):
    """Restore a serialized database from empty tables, without firing model signals.

    The restore re-inserts rows, like loaddata; receivers (audit logs, search indexing…) must not
    react to it: one writing a log entry before content types are back would fail the test.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.models import signals

    # Start from empty tables: a transactional test without serialized rollback leaves what its
    # post_migrate receivers re-created after its flush (content types, taxonomy, roles), which
    # would collide with the restored rows.
    call_command("flush", database=creation.connection.alias, interactive=False,
                 inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    muted = [signals.pre_save, signals.post_save, signals.pre_delete, signals.post_delete, signals.m2m_changed]
    saved = [(signal, signal.receivers) for signal in muted]
    try:
        for signal in muted:
            signal.receivers = []
            signal.sender_receivers_cache.clear()
        ContentType.objects.clear_cache()
        original = _original_deserialize or BaseDatabaseCreation.deserialize_db_from_string
        restored = original(creation, _content_types_first(data))
        _reset_sequences(creation.connection)
        return restored
    finally:
        # Restored content types keep their original ids: forget the ones cached meanwhile.
        ContentType.objects.clear_cache()
        for signal, receivers in saved:
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _quiet_serialized_rollback():
    """django_db_serialized_rollback's restore goes through deserialize_quietly too."""
    global _original_deserialize
    from django.db.backends.base.creation import BaseDatabaseCreation

    _original_deserialize = BaseDatabaseCreation.deserialize_db_from_string
    BaseDatabaseCreation.deserialize_db_from_string = deserialize_quietly
    yield
    BaseDatabaseCreation.deserialize_db_from_string = _original_deserialize
    _original_deserialize = None


def _reset_sequences(connection):
    """Move every table's id sequence past the restored rows: the restore writes explicit ids, and a
    flush that reset the sequences before it (another transactional test's) would otherwise make the
    next insert reuse id 1."""
    from django.apps import apps
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@functools.cache
def _content_types_first(data):
    """The serialized database with content types first.

    Some models look their content type up while being built (Wagtail's Task does for a
    child row without its parent's id); restored first, the lookup finds the original row
    instead of creating a duplicate that the restore then collides with.
    """
    objects = json.loads(data)
    first = [obj for obj in objects if obj["model"] == "contenttypes.contenttype"]
    return json.dumps(first + [obj for obj in objects if obj["model"] != "contenttypes.contenttype"])
