"""Where a search request's time goes, in-process: the figures that depend least on the machine's load.

    . scripts/test-env.sh
    .venv/bin/python -m bench.run search_http --scale 0.2 --keep   # once: the bench database and index
    .venv/bin/python -m bench.search_profile [--rounds 5]

On the bench database and index that `bench.run --keep` left (bench_razem_<checkout>, bench_<checkout>_*),
with production settings and a Redis of its own, Django's WSGI handler serves the search page and the
API in this process, for every query of bench/search_http.py, without a network server in between.
For each request it counts the CPU time of this process (time.process_time: what Django, DRF, the
templates and the clients cost, hardly changed by other processes' load), the time spent waiting
for Elasticsearch, and the SQL queries and Redis round trips (a command, or a pipeline of commands). Prints p50 and
mean of each; `--profile FILE` also writes a cProfile of the timed requests.
"""

import argparse
import cProfile
import hashlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 2  # rounds not counted: each process loads its lemmatiser data on first use


def production_environment(redis_url, static_root):
    """Production settings on the bench database and index of this checkout (as bench.run names them)."""
    from urllib.parse import urlsplit, urlunsplit

    checkout = hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]
    database = urlsplit(os.environ.get("DATABASE_URL", "postgres://razem:razem@127.0.0.1:5432/razem"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "bench-search-profile-" * 3,
        "ALLOWED_HOSTS": "bench.localhost", "DATABASE_URL": urlunsplit(database._replace(path=f"/bench_razem_{checkout}")),
        "CONN_MAX_AGE": "60", "REDIS_URL": redis_url, "ELASTICSEARCH_INDEX_PREFIX": f"bench_{checkout}",
        "TRUSTED_PROXIES": "1", "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "WARNING", "STATIC_ROOT": str(static_root),
    })


class Counters:
    """Round trips and waits of the current request: Elasticsearch, SQL, Redis (a command, or a pipeline of them)."""

    def __init__(self):
        import elastic_transport
        import redis

        self.reset()
        transport, client = elastic_transport.Transport.perform_request, redis.Redis.execute_command
        pipeline = redis.client.Pipeline.execute

        def perform_request(transport_self, *args, **kwargs):
            started = time.perf_counter()
            try:
                return transport(transport_self, *args, **kwargs)
            finally:
                self.es_ms += (time.perf_counter() - started) * 1000

        def execute_command(client_self, *args, **kwargs):
            self.redis += 1
            return client(client_self, *args, **kwargs)

        def execute(pipeline_self, *args, **kwargs):
            self.redis += 1  # the commands of a pipeline go in one round trip
            return pipeline(pipeline_self, *args, **kwargs)

        elastic_transport.Transport.perform_request = perform_request
        redis.Redis.execute_command = execute_command
        redis.client.Pipeline.execute = execute

    def reset(self):
        self.es_ms, self.sql, self.redis = 0.0, 0, 0

    def sql_counter(self, execute, sql, params, many, context):
        self.sql += 1
        return execute(sql, params, many, context)


def measure(application, counters, path, queries, rounds, profile=None):
    """{column: [values]} of `rounds` timed rounds of GET `path`?q=… (after WARMUP rounds)."""
    rows = {"wall ms": [], "CPU ms": [], "waiting for Elasticsearch ms": [], "wall without Elasticsearch ms": [],
            "SQL queries": [], "Redis round trips": []}
    for round_number in range(WARMUP + rounds):
        for number, query in enumerate(queries):
            environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": urlencode({"q": query}),
                       "SERVER_NAME": "bench.localhost", "SERVER_PORT": "80", "HTTP_HOST": "bench.localhost",
                       "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
                       "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1",
                       # another client each time: the per-client search rate never answers 429
                       "HTTP_X_FORWARDED_FOR": f"10.1.{round_number}.{number}"}
            status = []
            counters.reset()
            timed = round_number >= WARMUP
            if timed and profile:
                profile.enable()
            wall, cpu = time.perf_counter(), time.process_time()
            body = b"".join(application(environ, lambda code, headers, exc_info=None: status.append(code)))
            wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
            if timed and profile:
                profile.disable()
            if not status[0].startswith("200"):
                raise RuntimeError(f"{path} {query}: {status[0]} {body[:300]!r}")
            if timed:
                for column, value in (("wall ms", wall), ("CPU ms", cpu), ("waiting for Elasticsearch ms", counters.es_ms),
                                      ("wall without Elasticsearch ms", wall - counters.es_ms),
                                      ("SQL queries", counters.sql), ("Redis round trips", counters.redis)):
                    rows[column].append(value)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", help="write a cProfile of the timed requests to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from .servers import LocalRedis

    with tempfile.TemporaryDirectory(prefix="bench-search-profile-") as folder, \
            LocalRedis(Path(folder) / "redis") as redis:
        production_environment(redis.url, Path(folder) / "static")
        import django

        django.setup()
        from django.core.management import call_command
        from django.core.wsgi import get_wsgi_application
        from django.db import connection

        from .search import QUERIES
        from .search_http import EXTRA_QUERIES

        call_command("collectstatic", "--noinput", "-v0")
        application, counters = get_wsgi_application(), Counters()
        profile = cProfile.Profile() if args.profile else None
        load = " ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"load average {load}; {len(QUERIES + EXTRA_QUERIES)} queries × {args.rounds} rounds, p50 / mean per request")
        with connection.execute_wrapper(counters.sql_counter):
            for name, path in (("search API /api/v1/search", "/api/v1/search"), ("search page /pl/search/", "/pl/search/")):
                rows = measure(application, counters, path, QUERIES + EXTRA_QUERIES, args.rounds, profile)
                print(name)
                for column, values in rows.items():
                    print(f"  {column:32} {statistics.median(values):7.2f} / {statistics.mean(values):7.2f}")
        if profile:
            profile.dump_stats(args.profile)
            print(f"profile: {args.profile}")


if __name__ == "__main__":
    main()
