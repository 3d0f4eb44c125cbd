"""Measurements and the report: SQL queries, p50/p95 server time, throughput, peak memory, reference ratio."""

import json
import statistics
import time
import tracemalloc
from pathlib import Path

from django.db import connection

REPORTS = Path(__file__).resolve().parent / "reports"


def percentile(values, fraction):
    """The value below which `fraction` of the sorted values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


class Report:
    """Collects one row per measured page or job; writes bench/reports/report.{md,json}."""

    def __init__(self):
        self.rows = []
        self.references = {}

    def measure(self, name, call, repeat=50, warmup=3, reference=None):
        """Call `call()` `repeat` times (after `warmup`); record queries of one call, times and memory.

        `reference` names an earlier row whose p50 this one is divided by (e.g. the framework's
        simplest view for pages).
        """
        for _ in range(warmup):
            call()
        # Count through an execute wrapper: the test client reconnects per request (CONN_MAX_AGE=0),
        # which clears connection.queries.
        executed = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (executed.append(sql), execute(sql, params, many, context))[1]):
            call()
        # Peak memory in its own call: tracemalloc slows code several times, so never while timing.
        tracemalloc.start()
        call()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        durations = []
        started = time.perf_counter()
        for _ in range(repeat):
            t0 = time.perf_counter()
            call()
            durations.append((time.perf_counter() - t0) * 1000)
        elapsed = time.perf_counter() - started
        row = {
            "name": name,
            "queries": len(executed),
            "p50_ms": round(statistics.median(durations), 2),
            "p95_ms": round(percentile(durations, 0.95), 2),
            "throughput_per_s": round(repeat / elapsed, 1),
            "peak_memory_kb": round(peak / 1024, 1),
            "repeat": repeat,
        }
        if reference and reference in self.references:
            row["reference"] = reference
            row["ratio"] = round(row["p50_ms"] / max(self.references[reference]["p50_ms"], 0.001), 2)
        self.references[name] = row
        self.rows.append(row)
        print(f"  {name}: {row['queries']} queries, p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms"
              + (f", ×{row['ratio']} {reference}" if "ratio" in row else ""))
        return row

    def write(self, meta):
        """Write report.md and report.json under bench/reports/ (git-ignored)."""
        REPORTS.mkdir(exist_ok=True)
        (REPORTS / "report.json").write_text(json.dumps({"meta": meta, "rows": self.rows}, indent=2), encoding="utf-8")
        lines = [
            "# Bench report", "",
            *(f"- {key}: {value}" for key, value in meta.items()), "",
            "| page / job | SQL queries | p50 ms | p95 ms | per second | peak memory KiB | ratio to reference |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in self.rows:
            ratio = f"{row['ratio']} × {row['reference']}" if "ratio" in row else ""
            lines.append(f"| {row['name']} | {row['queries']} | {row['p50_ms']} | {row['p95_ms']} | "
                         f"{row['throughput_per_s']} | {row['peak_memory_kb']} | {ratio} |")
        (REPORTS / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return REPORTS / "report.md"
