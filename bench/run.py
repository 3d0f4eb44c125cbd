"""`python -m bench.run [names…]`: build the dataset in a bench database, run every bench script, write the report.

Every `bench/<name>.py` exposing `run(report)` is a bench script (each app may add its
own); `dataset.py`, `report.py` and this module are not. The database is a separate
test database (`bench_razem_<checkout>`), created, migrated and dropped by this command
(`--keep` keeps it for the next run), so it never touches the development data.
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
NOT_SCRIPTS = {"__init__", "run", "report", "dataset"}


def scripts(selected=None):
    """The bench script modules' names, in alphabetical order."""
    names = sorted(path.stem for path in HERE.glob("*.py") if path.stem not in NOT_SCRIPTS)
    return [name for name in names if not selected or name in selected]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="bench scripts to run (default: all)")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")),
                        help="fraction of the full dataset to build (default 1 = 10,000 organisations…)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database for the next run")
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
    setup_test_environment(debug=False)
    config = setup_databases(verbosity=1, interactive=False, keepdb=args.keep)
    report = Report()
    started = time.perf_counter()
    try:
        counts = dataset.build(scale=args.scale)
        for name in scripts(args.names):
            print(f"bench {name}")
            import_module(f"bench.{name}").run(report)
    finally:
        if not args.keep:
            teardown_databases(config, verbosity=1)
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "dataset": ", ".join(f"{count} {name}" for name, count in counts.items()),
        "duration_s": round(time.perf_counter() - started, 1),
        "method": "in-process Django test client, uncached, one call for the query count, then N timed calls",
    }
    print(f"report: {report.write(meta)}")


if __name__ == "__main__":
    main()
