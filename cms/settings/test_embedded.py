"""Test settings of the embedded default, the configuration `make run` starts: SQLite, the
database search (no ELASTICSEARCH_URL), the ORM task broker, no Redis.

`make test` runs a second pytest invocation with these settings (the crawl of the demo site,
tests/test_crawl.py), so the path every newcomer takes first is tested like production. The
service addresses are dropped from the environment before the shared settings read it, so the
run is the embedded default whatever the shell exported; the CI guard of cms.settings.test
(PostgreSQL and Elasticsearch required) stays for the main run.
"""

import os

for _name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "ELASTICSEARCH_URL", "REDIS_URL"):
    os.environ.pop(_name, None)
os.environ["Q_BROKER"] = "orm"
os.environ["RAZEM_EMBEDDED_TESTS"] = "1"  # tells cms.settings.test's CI guard that SQLite is the point here

from .test import *  # noqa: E402,F401,F403
from .test import DATABASES  # noqa: E402

# An in-memory SQLite test database (Django's default for SQLite tests): nothing left on disk.
DATABASES["default"]["TEST"] = {"NAME": None}
