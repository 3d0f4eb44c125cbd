"""Test settings: fast hashing, in-memory cache and mail, synchronous tasks.

Tests run on the DATABASE_URL and ELASTICSEARCH_URL of the environment
(`make test` starts PostgreSQL and Elasticsearch and exports them). In CI a
missing service is an error, never a reason to fall back quietly.
"""

import hashlib
import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, ELASTICSEARCH_URL
from .environment import value as env

SECRET_KEY = "test-only-key-razem-workspace-0123456789-abcdefghijklmnop"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
Q_CLUSTER = {"name": "razem-test", "sync": True, "orm": "default", "timeout": 60, "retry": 120}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Several checkouts (CI, worktrees) may share one PostgreSQL, Elasticsearch and Redis, and
# within a checkout several pytest-xdist workers (`make test` runs `-n auto`) share them too:
# name every shared resource after this checkout and worker so that none collides. The test
# database gets the worker as a suffix from pytest-django (test_razem_<checkout>_gw0); the
# subprocesses a test starts inherit PYTEST_XDIST_WORKER, hence the same names.
_checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"…; empty in a serial run
_run = f"{_checkout}_{_worker}" if _worker else _checkout
DATABASES["default"].setdefault("TEST", {})["NAME"] = env("TEST_DATABASE_NAME") or f"test_razem_{_checkout}"
ELASTICSEARCH_INDEX_PREFIX = f"test_{_run}"
MEDIA_ROOT = BASE_DIR / ".test-media" / (_worker or "main")
# Redis: keys written by tests (the task broker's queues) carry this prefix.
REDIS_KEY_PREFIX = f"test_{_run}"

# cms.settings.test_embedded (SQLite, database search: the `make run` configuration) imports this module.
if env("CI") and "cms.settings.test_embedded" not in sys.modules:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("CI runs the tests on PostgreSQL: set DATABASE_URL (make test does).")
    if not ELASTICSEARCH_URL:
        raise ImproperlyConfigured("CI runs the tests on Elasticsearch: set ELASTICSEARCH_URL (make test does).")
