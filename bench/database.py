"""The kept database a bench script runs on, named after the checkout like the test database."""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_bench_database(name):
    """Point Django at `bench_<name>_<checkout>` (created on first use, kept afterwards), migrate it,
    and serve requests as in production (test environment for the client, DEBUG off)."""
    import django
    from django.conf import settings

    checkout = hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]
    settings.DATABASES["default"]["TEST"] = {"NAME": f"bench_{name}_{checkout}"}
    django.setup()
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, keepdb=True, serialize=False)
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = False
