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

Both versions are served at once, and the timing is interleaved so that a noisy moment of
this shared machine falls on both alike: BENCH_ROUNDS (default 3) rounds over every row; in each,
BENCH_REPEAT (default 30) sequential requests per version after 3 warm-up ones, alternating
request by request between the versions (each on its own keep-alive connection). A row's p50/p95
is over the samples of every round, with the spread of the rounds' own p95. The SQL queries of a
computed request come from a header (bench/counting_wsgi.py). Only then, with no timing running,
Debian's wrk (BENCH_WRK, default "-t1 -c8 -d4s") measures requests per second for the edge-cache,
static and signed-in rows; it runs on the same machine as everything else. The targets of #24
are checked at the end and printed with the figures (bench/reports/http_pages.md).
"""

import contextlib
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
from .servers import ROOT, Connection, Gunicorn, LocalNginx, LocalRedis

REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = 3
WRK = os.environ.get("BENCH_WRK", "-t1 -c8 -d4s").split()
HOST = "localhost"  # the bench Site's hostname: nginx's cache key and Django's ALLOWED_HOSTS
BYPASS = {"sessionid": "-"}  # a session cookie of no session: nginx bypasses its cache, Django sees a visitor
EDGE_CACHED = re.compile(r"^/(pl|uk|en)/")  # the pages deploy/nginx.conf keeps in its cache
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
    with tempfile.TemporaryDirectory(prefix="bench-http-") as folder, contextlib.ExitStack() as stack:
        folder = Path(folder)
        if baseline:
            versions.append((f"baseline {baseline}", export(baseline, folder / "baseline")))
        versions.append(("working tree", ROOT))
        proxies = {}
        for label, checkout in versions:
            print(f"bench http_pages: serving {label}")
            _server, proxies[label] = stack.enter_context(
                production_site(checkout, folder / re.sub(r"\W+", "-", label)))
        results, load = measure(proxies, pages, personal, sessions)
    report.rows.extend(summarise(results))
    print(f"report: {write(results, load)}")


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


def measure(proxies, pages, personal, sessions):
    """({version: {row name: {p50_ms, p95_ms, round_p95s, queries, per_second, cache}}}, load averages)."""
    labels = list(proxies)
    rows = []  # (row name, path, cookies, measured by wrk)
    for number, (name, path) in enumerate(pages):
        for label, proxy in proxies.items():
            _response, body = Connection("127.0.0.1", proxy.port).send("GET", path, headers=_headers(BYPASS))
            copies = proxy.static_root / "bench-copy"
            copies.mkdir(exist_ok=True)
            (copies / f"{number}.html").write_bytes(body)
        rows += [(f"{name}, anonymous (computed)", path, BYPASS, False), (f"{name}, anonymous (edge cache)", path, None, True),
                 (f"{name}, static copy", f"/static/bench-copy/{number}.html", None, True)]
    rows += [(name, path, {"sessionid": sessions[role]}, True) for name, role, path in personal]
    connections = {label: Connection("127.0.0.1", proxy.port) for label, proxy in proxies.items()}
    samples = {label: {name: [] for name, *_ in rows} for label in labels}
    last = {label: {} for label in labels}
    load = [os.getloadavg()[0]]
    for round_number in range(ROUNDS):
        for name, path, cookies, _wrk in rows:
            headers = _headers(cookies)
            for request_number in range(WARMUP + REPEAT):
                for label in labels if request_number % 2 else labels[::-1]:
                    connection = connections[label]
                    connection.times = samples[label][name]  # where send() records this row's durations
                    response, _body = connection.send("GET", path, headers=headers, timed=request_number >= WARMUP)
                    last[label][name] = response
        print(f"  round {round_number + 1} of {ROUNDS} timed, load average {os.getloadavg()[0]:.1f}")
    load.append(os.getloadavg()[0])
    results = {label: {} for label in labels}
    for name, path, cookies, by_wrk in rows:
        for label in labels:
            times = samples[label][name]
            rounds = [times[start:start + REPEAT] for start in range(0, len(times), REPEAT)]
            response = last[label][name]
            results[label][name] = {
                "p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                "round_p95s": [round(percentile(part, 0.95), 1) for part in rounds],
                "queries": int(response.headers.get("X-Bench-Queries", "0") or 0),
                "cache": response.headers.get("X-Cache-Status", "-"), "path": path,
                "per_second": wrk(proxies[label].port, path, cookies) if by_wrk else None}
        print(f"  {name}: " + "; ".join(
            f"{label} p50 {row['p50_ms']} / p95 {row['p95_ms']} ms, {row['queries']} queries, "
            f"{row['per_second'] or '–'}/s ({row['cache']})" for label, row in
            ((label, results[label][name]) for label in labels)))
    return results, load


def _headers(cookies):
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return headers


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
                         "peak_memory_kb": "", "repeat": REPEAT * ROUNDS})
    return rows


def verdicts(results, baseline_label):
    """(target, row, measured, holds) for the working tree against each target of #24; holds is None
    where the target does not apply."""
    current = results["working tree"]
    lines = []
    for name, row in current.items():
        if name.endswith(", anonymous (edge cache)"):
            page = name.removesuffix(", anonymous (edge cache)")
            static = current[f"{page}, static copy"]["per_second"]
            share = row["per_second"] / static if static else 0
            measured = f"{row['per_second']}/s vs {static}/s = {share:.0%}"
            if not EDGE_CACHED.match(row["path"]):
                lines.append(("edge cache ≥ 30 % of static", page, f"{measured}: not a page, never cached at the edge "
                              "(deploy/nginx.conf caches /pl/, /uk/, /en/ only)", None))
                continue
            lines.append(("edge cache ≥ 30 % of static", page, measured,
                          share >= TARGETS["edge_vs_static"] and row["cache"] == "HIT"))
        elif "anonymous" not in name and "static copy" not in name:
            spread = f"{min(row['round_p95s'])}–{max(row['round_p95s'])}"
            lines.append(("signed in p95 ≤ 60 ms, ≤ 25 queries", name,
                          f"{row['p95_ms']} ms (rounds {spread}), {row['queries']} queries",
                          row["p95_ms"] <= TARGETS["signed_in_p95_ms"] and row["queries"] <= TARGETS["signed_in_queries"]))
            before = results.get(baseline_label, {}).get(name) if baseline_label else None
            if before:
                ratio = row["p50_ms"] / max(before["p50_ms"], 0.1)
                lines.append(("signed in ≤ 1.2 × baseline (p50)", name, f"{row['p50_ms']} vs {before['p50_ms']} ms "
                              f"= ×{ratio:.2f}", ratio <= TARGETS["slower_than_baseline"]))
    return lines


def write(results, load):
    """bench/reports/http_pages.md: the figures of every version side by side, then the targets;
    `load`: the load averages (1 min) when the timing began and ended."""
    baseline_label = next((label for label in results if label != "working tree"), None)
    labels = list(results)
    names = list(results["working tree"])
    lines = ["# Page bench over HTTP (gunicorn, production settings, behind nginx)", "",
             f"- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, load average "
             f"{load[0]:.1f} → {load[1]:.1f} while timing; {ROUNDS} rounds × {REPEAT} sequential requests per row "
             f"and version, the versions interleaved request by request; then wrk {' '.join(WRK)} on the same machine",
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
        lines.append(f"| {target} | {name} | {measured} | {'–' if holds is None else 'yes' if holds else 'NO'} |")
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / "http_pages.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return path
