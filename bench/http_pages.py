"""The page bench over real HTTP: gunicorn (production settings) behind nginx, as in the compose stack.

`make bench BENCH_ARGS=http_pages` (or `python -m bench.run http_pages`; `--scale` as for every
bench script). For each version measured — the working tree, and first the git ref named by
BENCH_BASELINE when set, so that before and after come from one run on one dataset — the
checkout's own deploy/gunicorn.conf.py and deploy/nginx.conf serve the bench database
(PostgreSQL), the bench index (Elasticsearch) and a Redis of their own (a fresh one per
version). Rows, for one page of each type in the middle of the dataset:

- "anonymous, edge cache": no cookie; after the first request nginx answers from its page cache;
- "anonymous, computed": a cookie that makes nginx bypass its cache (`sessionid=-`, no such
  session): what Django itself takes for a visitor;
- "static copy": the same HTML saved as a file and served by the same nginx from /static/:
  what this machine can serve at all;
- "member" / "coordinator": signed in (a session of the bench people of bench/pages.py).

Each row: p50/p95 ms of BENCH_REPEAT (default 30) sequential keep-alive requests after 3 warm-up
ones, the SQL queries of a computed request (bench/counting_wsgi.py adds them as a header), and
requests per second by Debian's wrk (BENCH_WRK, default "-t1 -c8 -d4s") for the edge-cache,
static and signed-in rows. The load generator runs on the same machine as everything else.
The targets of #24 are checked at the end and printed with the figures (bench/reports/http_pages.md).
"""

import contextlib
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from .report import REPORTS, percentile
from .servers import ROOT, Gunicorn, LocalNginx, LocalRedis

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
WRK = os.environ.get("BENCH_WRK", "-t1 -c8 -d4s").split()
HOST = "localhost"  # the bench Site's hostname: nginx's cache key and Django's ALLOWED_HOSTS
BYPASS = {"sessionid": "-"}  # a session cookie of no session: nginx bypasses its cache, Django sees a visitor
TARGETS = {"edge_vs_static": 0.30, "signed_in_p95_ms": 60, "signed_in_queries": 25, "slower_than_baseline": 1.20}


def run(report):
    """Measure the working tree (and BENCH_BASELINE first, when set); add the rows to the report."""
    from .pages import bench_people, page_rows, signed_in_rows

    pages = [(name, path + (f"?{urlencode(params)}" if params else "")) for name, path, params in page_rows()]
    personal = [(f"{name}, member", "member", path) for name, path in pages if not path.startswith("/api/")]
    personal += [(f"{name}, {role}", role, path) for name, role, path in signed_in_rows()
                 if (f"{name}, {role}", role, path) not in personal]
    sessions = {role: session_of(user) for role, user in bench_people().items()}
    versions = []
    baseline = os.environ.get("BENCH_BASELINE", "").strip()
    with tempfile.TemporaryDirectory(prefix="bench-http-") as folder:
        folder = Path(folder)
        if baseline:
            versions.append((f"baseline {baseline}", export(baseline, folder / "baseline")))
        versions.append(("working tree", ROOT))
        results = {}
        for label, checkout in versions:
            print(f"bench http_pages: {label}")
            results[label] = measure_version(checkout, folder / re.sub(r"\W+", "-", label), pages, personal, sessions)
    report.rows.extend(summarise(results))
    print(f"report: {write(results)}")


def session_of(user):
    """A session cookie value of `user` (database sessions: every version's gunicorn reads it)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def export(ref, folder):
    """The files of git ref `ref` in `folder`, with compiled translations."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def production_env(checkout, work, redis_url, purge_url=""):
    """The environment of a production process on the bench database, index and this version's Redis."""
    from django.conf import settings
    from django.db import connection

    db = connection.settings_dict
    env = {key: value for key, value in os.environ.items()
           if key not in {"DJANGO_SETTINGS_MODULE", "TEST_DATABASE_NAME", "CI", "PYTEST_XDIST_WORKER"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "PYTHONPATH": f"{work}:{checkout}",
        # The bench process made the sessions: the same key signs them.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                        f"/{db['NAME']}",
        "CONN_MAX_AGE": "60",  # compose.yaml's value
        "REDIS_URL": redis_url,
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH_INDEX_PREFIX,
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TRUSTED_PROXIES": "1",
        "SECURE_SSL_REDIRECT": "0",  # plain http on the loopback
        "FRONTEND_CACHE_PURGE_URL": purge_url,
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    })
    return env


@contextlib.contextmanager
def production_site(checkout, work):
    """(gunicorn, nginx) serving `checkout` with production settings on the bench database and index,
    a Redis of their own, compiled translations and collected static files; stopped on exit."""
    work.mkdir(parents=True)
    shutil.copy(Path(__file__).with_name("counting_wsgi.py"), work / "razem_bench_wsgi.py")
    with LocalRedis(work / "redis") as redis, open(work / "gunicorn.log", "w") as log:
        env = production_env(checkout, work, redis.url)
        subprocess.run([sys.executable, "manage.py", "compilemessages", "-v0", "--ignore=.venv",
                        "--ignore=node_modules"], cwd=checkout, env=env, check=checkout != ROOT)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=checkout, env=env,
                       check=True)
        server = Gunicorn(checkout, env, "razem_bench_wsgi:application", log)
        proxy = LocalNginx(work / "nginx", f"127.0.0.1:{server.port}", work / "static", env["MEDIA_ROOT"],
                           conf=Path(checkout) / "deploy" / "nginx.conf")
        server.env["FRONTEND_CACHE_PURGE_URL"] = proxy.purge_url
        with server, proxy:
            yield server, proxy


def measure_version(checkout, work, pages, personal, sessions):
    """Every row of one version: {row name: {p50_ms, p95_ms, queries, per_second, cache}}."""
    rows = {}
    with production_site(checkout, work) as (_server, proxy):
        copies = work / "static" / "bench-copy"
        copies.mkdir()
        for number, (name, path) in enumerate(pages):
            computed = timed(proxy.port, path, BYPASS)
            rows[f"{name}, anonymous (computed)"] = computed
            edge = timed(proxy.port, path)
            edge["per_second"] = wrk(proxy.port, path)
            rows[f"{name}, anonymous (edge cache)"] = edge
            (copies / f"{number}.html").write_bytes(computed.pop("body"))
            edge.pop("body")
            static = timed(proxy.port, f"/static/bench-copy/{number}.html")
            static.pop("body")
            static["per_second"] = wrk(proxy.port, f"/static/bench-copy/{number}.html")
            rows[f"{name}, static copy"] = static
            print(f"  {name}: edge {edge['p50_ms']} ms ({edge['cache']}), {edge['per_second']}/s; computed "
                  f"{computed['p50_ms']} ms, {computed['queries']} queries; static {static['per_second']}/s")
        for name, role, path in personal:
            cookies = {"sessionid": sessions[role]}
            row = timed(proxy.port, path, cookies)
            row.pop("body")
            row["per_second"] = wrk(proxy.port, path, cookies)
            rows[name] = row
            print(f"  {name}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['queries']} queries, "
                  f"{row['per_second']}/s ({row['cache']})")
    return rows


def _headers(cookies):
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return headers


def timed(port, path, cookies=None, warmup=3):
    """p50/p95 of REPEAT sequential requests on one keep-alive connection; queries and cache state of the last."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = _headers(cookies)
    durations = []
    for number in range(warmup + REPEAT):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if number >= warmup:
            durations.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status}")
    connection.close()
    return {"p50_ms": round(statistics.median(durations), 1), "p95_ms": round(percentile(durations, 0.95), 1),
            "queries": int(response.headers.get("X-Bench-Queries", "0") or 0), "per_second": None,
            "cache": response.headers.get("X-Cache-Status", "-"), "body": body}


def wrk(port, path, cookies=None):
    """Requests per second that wrk gets (BENCH_WRK); non-2xx answers are an error."""
    args = ["wrk", *WRK]
    for name, value in _headers(cookies).items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run([*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                            check=True).stdout
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"wrk {path}: error answers\n{output}")
    return round(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)))


def summarise(results):
    """Report rows (bench/report.py's columns) of every version measured."""
    rows = []
    for label, measured in results.items():
        for name, row in measured.items():
            rows.append({"name": f"{name} [{label}]", "queries": row["queries"], "p50_ms": row["p50_ms"],
                         "p95_ms": row["p95_ms"], "throughput_per_s": row["per_second"] or "",
                         "peak_memory_kb": "", "repeat": REPEAT})
    return rows


def verdicts(results, baseline_label):
    """Lines saying whether each target of #24 holds for the working tree."""
    current = results["working tree"]
    lines = []
    for name, row in current.items():
        if name.endswith(", anonymous (edge cache)"):
            page = name.removesuffix(", anonymous (edge cache)")
            static = current[f"{page}, static copy"]["per_second"]
            share = row["per_second"] / static if static else 0
            lines.append(("edge cache ≥ 30 % of static", page, f"{row['per_second']}/s vs {static}/s = {share:.0%}",
                          share >= TARGETS["edge_vs_static"] and row["cache"] == "HIT"))
        elif "anonymous" not in name and "static copy" not in name:
            lines.append(("signed in p95 ≤ 60 ms, ≤ 25 queries", name, f"{row['p95_ms']} ms, {row['queries']} queries",
                          row["p95_ms"] <= TARGETS["signed_in_p95_ms"] and row["queries"] <= TARGETS["signed_in_queries"]))
            before = results.get(baseline_label, {}).get(name) if baseline_label else None
            if before:
                ratio = row["p50_ms"] / max(before["p50_ms"], 0.1)
                lines.append(("signed in ≤ 1.2 × baseline (p50)", name, f"{row['p50_ms']} vs {before['p50_ms']} ms "
                              f"= ×{ratio:.2f}", ratio <= TARGETS["slower_than_baseline"]))
    return lines


def write(results):
    """bench/reports/http_pages.md: the figures of every version side by side, then the targets."""
    baseline_label = next((label for label in results if label != "working tree"), None)
    labels = list(results)
    names = list(results["working tree"])
    lines = ["# Page bench over HTTP (gunicorn, production settings, behind nginx)", "",
             f"- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, load average "
             f"{os.getloadavg()[0]:.1f}; {REPEAT} sequential requests per row; wrk {' '.join(WRK)} on the same machine",
             "", "| row | " + " | ".join(f"{label}: queries, p50 / p95 ms, req/s" for label in labels) + " |",
             "|---|" + "---|" * len(labels)]
    for name in names:
        cells = []
        for label in labels:
            row = results[label].get(name)
            cells.append(f"{row['queries']}, {row['p50_ms']} / {row['p95_ms']}, {row['per_second'] or '–'} ({row['cache']})"
                         if row else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "| target | row | measured | holds |", "|---|---|---|---|"]
    for target, name, measured, holds in verdicts(results, baseline_label):
        lines.append(f"| {target} | {name} | {measured} | {'yes' if holds else 'NO'} |")
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / "http_pages.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return path
