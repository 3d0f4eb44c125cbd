"""Test settings of the embedded default, the configuration `make run` starts: SQLite, the
database search (no ELASTICSEARCH_URL), the ORM task broker, no Redis.

`make test` runs a second pytest invocation with these settings (the crawl of the demo site,
tests/test_crawl.py), so the path every newcomer takes first is tested like production. The
values are set here, not read from the environment, so the run is the embedded default
whatever the shell exported; the CI guard of cms.settings.test (PostgreSQL and Elasticsearch
required) stays for the main run and lets this module through (it is being imported).
"""

from .test import *  # noqa: F401,F403
from .test import BASE_DIR, SQLITE_OPTIONS

# The embedded default of cms.settings.base (its options too), with an in-memory SQLite test database.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3",
                         "OPTIONS": dict(SQLITE_OPTIONS), "TEST": {"NAME": None}}}
DATABASE_ROUTERS = []
ELASTICSEARCH_URL = ""
REDIS_URL = ""
Q_CLUSTER = {"name": "razem-test", "sync": True, "orm": "default", "timeout": 60, "retry": 120}
