"""`python -m bench.run [names…]`: build the dataset in a bench database, run every bench script, write the report.

Every `bench/<name>.py` exposing `run(report)` is a bench script (each app may add its
own); the others (directory_pages, library_pages, search, digests…) are standalone scripts
with their own databases and printed figures, listed in the report. The dataset is
bench/dataset.py's, at `--scale` of the full size. The database is a separate test database
(`bench_razem_<checkout>`) and the Elasticsearch index `bench_<checkout>_content`, created by
this command and dropped afterwards (`--keep` keeps both for the next run: the dataset is
then only completed, not rebuilt), so they never touch the development or test data.
"""

import argparse
import hashlib
import os
import platform
import sys
import time
from importlib import import_module
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_SCRIPTS = {"__init__", "run", "report", "dataset", "database", "servers", "counting_wsgi"}


def scripts(selected=None):
    """The bench modules' names, in alphabetical order (each may or may not expose run(report))."""
    names = sorted(path.stem for path in HERE.glob("*.py") if path.stem not in NOT_SCRIPTS)
    return [name for name in names if not selected or name in selected]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="bench scripts to run (default: all)")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")),
                        help="fraction of the full dataset to build (default 1 = 10,000 organisations…)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database and index for the next run")
    parser.add_argument("--no-index", action="store_true", help="skip the search index rebuild")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(HERE.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    checkout = hashlib.sha1(str(HERE.parent).encode()).hexdigest()[:8]
    os.environ.setdefault("TEST_DATABASE_NAME", f"bench_razem_{checkout}")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    from . import dataset
    from .report import Report

    settings.DEBUG = False
    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_{checkout}"
    setup_test_environment(debug=False)
    # No serialized copy of the database (that is for tests' serialized_rollback): on a kept full-size
    # dataset Django's serialize_db_to_string read every row for ten minutes before each run.
    config = setup_databases(verbosity=1, interactive=False, keepdb=args.keep, serialized_aliases=())
    report = Report()
    started = time.perf_counter()
    standalone = []
    try:
        counts = dataset.build(scale=args.scale, index=not args.no_index)
        built = time.perf_counter()
        for name in scripts(args.names):
            module = import_module(f"bench.{name}")
            if not hasattr(module, "run"):
                standalone.append(name)
                continue
            print(f"bench {name}")
            module.run(report)
    finally:
        if not args.keep:
            teardown_databases(config, verbosity=1)
            _drop_index()
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "dataset": ", ".join(f"{count} {name}" for name, count in counts.items()),
        "dataset_build_s": round(built - started, 1),
        "duration_s": round(time.perf_counter() - started, 1),
        "search": f"Elasticsearch {settings.ELASTICSEARCH_URL}" if settings.ELASTICSEARCH_URL else "database fallback",
        "standalone scripts (run them for their own figures)": ", ".join(
            f"python -m bench.{name}" for name in standalone) or "none",
        "method": "in-process Django test client, uncached, one call for the query count, then N timed calls",
    }
    print(f"report: {report.write(meta)}")


def _drop_index():
    """Delete the bench's Elasticsearch indexes (by name: the cluster refuses wildcard deletes)."""
    from django.conf import settings

    if not settings.ELASTICSEARCH_URL:
        return
    from search.client import get_client
    from search.indexing import drop_indexes

    drop_indexes(get_client())


if __name__ == "__main__":
    main()
