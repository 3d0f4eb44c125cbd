"""The search bench over real HTTP: the search page and API against the raw Elasticsearch request.

`make bench BENCH_ARGS="search_http --scale 0.2"` (or `python -m bench.run search_http --scale 0.2`).
On the bench dataset (bench/dataset.py at `--scale`, its search index rebuilt into Elasticsearch),
gunicorn serves the working tree with production settings (deploy/gunicorn.conf.py, a Redis of
its own: bench/http_pages.production_site). In ONE run, for each query of QUERIES, BENCH_ROUNDS
times (default 10), interleaved so that the load is the same for all three:

- GET /pl/search/?q=… (the search page, straight to gunicorn: nginx would cache an anonymous page);
- GET /api/v1/search?q=… (the API, the same search);
- POST /<alias>/_search with the very body the engine sends for that query
  (ElasticsearchEngine.request_body), straight to Elasticsearch over HTTP;
- the same with the highlighting the engine asked for before #19 (every body_* and summary_*
  field, whole texts analysed again): a reference row showing what bounded snippets saved.

Each on its own keep-alive connection, sequential, one client at a time. Every request comes from
another client address (X-Forwarded-For, trusted as behind nginx) so the per-client search rate does
not answer 429. Then autocomplete prefixes through the API. Prints p50/p95 of each row, the
targets (search page and API p95 ≤ 100 ms and ≤ 1.5 × the raw request's p95), the load average,
and writes bench/reports/search_http.md. An API answer from the database fallback (Elasticsearch
slower than ELASTICSEARCH_TIMEOUT) is counted and reported: it would not measure Elasticsearch.
"""

import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .http_pages import HOST, production_site
from .report import REPORTS, percentile
from .search import QUERIES
from .servers import ROOT, Connection

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
WARMUP = 2  # rounds not timed
# Words people also type: several words, a typo inside a phrase, another script.
EXTRA_QUERIES = ["pomoc prwna", "юридична допомога", "Zheshuv", "800 plus", "legal aid Lublin"]
PREFIXES = ["Prze", "pomo", "Харк", "uchod", "legal a", "Warsz"]
TARGETS = {"p95_ms": 100, "ratio": 1.5}
WHOLE_TEXT_HIGHLIGHT = {
    "fields": {f"{part}_{code}": {"fragment_size": 200, "number_of_fragments": 1, "encoder": "html",
                                   "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
               for part in ("body", "summary") for code in ("pl", "uk", "en")}}


def _client(number):
    """Headers of a request from the `number`-th client address (the rate is per client)."""
    return {"Host": HOST, "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"}


def run(report):
    """Measure the working tree; add the rows to the report, write bench/reports/search_http.md."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser

    from core.access import hidden_paths
    from search.audience import reader_tokens
    from search.client import get_client
    from search.documents import alias_name
    from search.engines import ElasticsearchEngine, SearchRequest

    if not settings.ELASTICSEARCH_URL:
        raise SystemExit("bench search_http measures Elasticsearch: set ELASTICSEARCH_URL (. scripts/test-env.sh)")
    es = urlsplit(settings.ELASTICSEARCH_URL)
    engine = ElasticsearchEngine(get_client())
    queries = QUERIES + EXTRA_QUERIES
    # An anonymous reader, as the page and the API see one: audience tokens and the tree paths that
    # view restrictions hide (search.service.request_from_get).
    reader = {"audience": reader_tokens(AnonymousUser()), "hidden": tuple(hidden_paths(AnonymousUser()))}
    requests = {query: engine.request_body(SearchRequest(text=query, language="pl", **reader)) for query in queries}
    bodies = {query: json.dumps(body) for query, body in requests.items()}
    # Reference: the same request highlighting the whole summaries and texts, as before #19.
    whole = {query: json.dumps({**body, "highlight": WHOLE_TEXT_HIGHLIGHT}) for query, body in requests.items()}
    raw_path = f"/{alias_name()}/_search"
    with tempfile.TemporaryDirectory(prefix="bench-search-") as folder, \
            production_site(ROOT, Path(folder) / "working-tree") as (server, _proxy):
        page = Connection("127.0.0.1", server.port)
        api = Connection("127.0.0.1", server.port)
        raw = Connection(es.hostname, es.port or 9200)
        before = Connection(es.hostname, es.port or 9200)
        complete = Connection("127.0.0.1", server.port)
        raw_headers = {"Content-Type": "application/json"}
        fallbacks, took, client = 0, [], 0
        for round_number in range(ROUNDS + WARMUP):
            timed = round_number >= WARMUP  # every worker process loads its lemmatiser data on first use
            for query in queries:
                client += 1
                page.send("GET", f"/pl/search/?{urlencode({'q': query})}", headers=_client(client), timed=timed)
                response, _body = api.send("GET", f"/api/v1/search?{urlencode({'q': query})}",
                                           headers=_client(client), timed=timed)
                fallbacks += "fallback" in (response.headers.get("X-Search-Engine") or "")
                _response, body = raw.send("POST", raw_path, body=bodies[query], headers=raw_headers, timed=timed)
                if timed:
                    took.append(json.loads(body)["took"])
                before.send("POST", raw_path, body=whole[query], headers=raw_headers, timed=timed)
            for prefix in PREFIXES:
                client += 1
                complete.send("GET", f"/api/v1/search/autocomplete?{urlencode({'q': prefix})}",
                              headers=_client(client), timed=timed)
    rows = {"search page /pl/search/": page.times, "search API /api/v1/search": api.times,
            "raw Elasticsearch request (same body)": raw.times,
            "reference: raw request highlighting whole texts (before #19)": before.times,
            "autocomplete API": complete.times}
    figures = {name: {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(percentile(times, 0.95), 1),
                      "requests": len(times)} for name, times in rows.items()}
    figures["Elasticsearch's own `took`"] = {"p50_ms": statistics.median(took), "p95_ms": percentile(took, 0.95),
                                             "requests": len(took)}
    for name, row in figures.items():
        report.rows.append({"name": f"search over HTTP: {name}", "queries": "", "p50_ms": row["p50_ms"],
                            "p95_ms": row["p95_ms"], "throughput_per_s": "", "peak_memory_kb": "",
                            "repeat": row["requests"]})
    print(f"report: {write(figures, fallbacks, len(queries))}")


def verdicts(figures):
    """(target, row, measured, holds) for the search page and the API."""
    raw = figures["raw Elasticsearch request (same body)"]["p95_ms"]
    lines = []
    for name in ("search page /pl/search/", "search API /api/v1/search"):
        p95 = figures[name]["p95_ms"]
        lines.append((f"p95 ≤ {TARGETS['p95_ms']} ms", name, f"{p95} ms", p95 <= TARGETS["p95_ms"]))
        lines.append((f"p95 ≤ {TARGETS['ratio']} × raw p95", name, f"{p95} / {raw} = {p95 / raw:.2f}",
                      p95 <= TARGETS["ratio"] * raw))
    return lines


def write(figures, fallbacks, query_count):
    """bench/reports/search_http.md: the figures and the targets."""
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    lines = ["# Search over HTTP (gunicorn, production settings) against the raw Elasticsearch request", "",
             f"- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, load average {load} "
             f"(1/5/15 min) at the end; {query_count} queries × {ROUNDS} rounds after {WARMUP} warm-up rounds, sequential, "
             "interleaved page / API / raw on keep-alive connections from the same machine",
             f"- answers from the database fallback: {fallbacks}", "",
             "| row | p50 ms | p95 ms | requests |", "|---|---|---|---|"]
    lines += [f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['requests']} |" for name, row in figures.items()]
    lines += ["", "| target | row | measured | holds |", "|---|---|---|---|"]
    lines += [f"| {target} | {name} | {measured} | {'yes' if holds else 'NO'} |"
              for target, name, measured, holds in verdicts(figures)]
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / "search_http.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return path
