"""`python -m bench.uploads`: hostile uploads through the real upload path, with a web server and a worker running.

On a fresh SQLite database in a temporary folder (the `make run` configuration: no
Elasticsearch, no Redis, django-q2's ORM broker), it starts gunicorn (one sync worker,
cms.settings.dev) and `manage.py qcluster`, signs a member in, and sends over HTTP through
the library proposal form (POST /pl/biblioteka/propose/):

1. the zip bomb: an ODT of ~400 KB whose `mimetype` entry unpacks to 400 MiB (#17 item 1);
2. a multi-page hostile PDF (~60 KB; every page's content stream unpacks to 20 MB, #17 item 2);
3. an ordinary PDF, to show that the worker still runs the next tasks.

It samples the peak RSS (VmHWM) of the web process (gunicorn's worker) and of every process
of the task cluster while this happens, and prints them with the status recorded for each
file and whether the cluster's workers are still the same processes. Exit status 1 when the
web process goes over --web-limit MB, a worker died, the PDF is not marked, or the
ordinary file is not read. Options: --pages (hostile PDF), --bomb-mib, --port, --keep.
"""

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

SETUP = """
from django.test import Client
from wagtail.models import Site
from library.models import LibraryIndexPage
from home.factories import UserFactory
home = Site.objects.get(is_default_site=True).root_page.specific
library = home.add_child(instance=LibraryIndexPage(title="Biblioteka", slug="biblioteka"))
client = Client()
client.force_login(UserFactory(email="bench@example.org"))
print("SESSION", client.cookies["sessionid"].value, library.url)
"""


def _status(pid, field="VmHWM"):
    """A /proc/<pid>/status value in MB (None when the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid):
    """All descendants of `pid` (from /proc's parent links)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        kids = [child for child, of in parents.items() if of == parent]
        found.extend(kids)
        frontier.extend(kids)
    return found


class Sampler(threading.Thread):
    """Samples the peak RSS of the web worker and of each process of the cluster every 0.2 s."""

    def __init__(self, web_pids, cluster_pid):
        super().__init__(daemon=True)
        self.web_pids, self.cluster_pid = web_pids, cluster_pid
        self.web_peak, self.cluster_peaks, self.running = 0.0, {}, True

    def run(self):
        while self.running:
            self.sample()
            time.sleep(0.2)

    def sample(self):
        for pid in self.web_pids:
            self.web_peak = max(self.web_peak, _status(pid) or 0)
        for pid in [self.cluster_pid, *_children(self.cluster_pid)]:
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            name = "extraction child" if b"library.extract_child" in command else "cluster"
            peak = _status(pid)
            if peak is not None:
                self.cluster_peaks[pid] = (name, max(peak, self.cluster_peaks.get(pid, ("", 0))[1]))


def _wait_http(url, seconds=120):
    import requests

    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            return requests.get(url, timeout=30)  # the first request loads the whole site
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)
    raise SystemExit(f"the web server did not answer at {url}")


def _text_status(database, title):
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT t.status, t.error, t.pages FROM library_documenttext t "
            "JOIN wagtaildocs_document d ON d.id = t.document_id WHERE d.title = ?", (title,)).fetchone()
    return row


def _wait_text(database, title, seconds=240):
    deadline = time.time() + seconds
    while time.time() < deadline:
        row = _text_status(database, title)
        if row and row[0] != "pending":
            return row
        time.sleep(1)
    return _text_status(database, title)


def _propose(session, base, library_url, name, content, content_type):
    form = session.get(base + library_url + "propose/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    started = time.perf_counter()
    response = session.post(base + library_url + "propose/", data={
        "csrfmiddlewaretoken": token, "title": f"Bench {name}", "resource_type": "guide", "summary": "Bench",
    }, files={"files": (name, content, content_type)}, headers={"Referer": base + library_url}, timeout=120,
        allow_redirects=False)
    return response, time.perf_counter() - started


def main(argv=None):
    import requests

    from library.hostile_files import pdf_bomb, zip_bomb_odt
    from library.demo_files import pdf_bytes

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20, help="pages of the hostile PDF (default 20)")
    parser.add_argument("--bomb-mib", type=int, default=400, help="unpacked size of the zip bomb (default 400)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--web-limit", type=int, default=300, help="MB the web process must stay under")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    database = folder / "db.sqlite3"
    env = {key: value for key, value in os.environ.items()
           if key not in ("ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "Q_BROKER")}
    env.update(DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(folder / "media"),
               DJANGO_SETTINGS_MODULE="cms.settings.dev", Q_WORKERS="2", PYTHONUNBUFFERED="1")
    run = {"cwd": ROOT, "env": env, "check": True}
    print(f"folder {folder}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], **run)
    setup = subprocess.run([PYTHON, "manage.py", "shell", "-c", SETUP], capture_output=True, text=True, **run)
    _word, session_key, library_url = next(line for line in setup.stdout.splitlines()
                                           if line.startswith("SESSION")).split()
    logs = open(folder / "processes.log", "w")  # noqa: SIM115 - closed at the end
    web = subprocess.Popen([str(Path(PYTHON).parent / "gunicorn"), "cms.wsgi:application", "-b",
                            f"127.0.0.1:{args.port}", "-w", "1", "--timeout", "120"],
                           cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)
    cluster = subprocess.Popen([PYTHON, "manage.py", "qcluster"], cwd=ROOT, env=env, stdout=logs,
                               stderr=subprocess.STDOUT)
    failures = []
    try:
        base = f"http://127.0.0.1:{args.port}"
        _wait_http(base + "/healthz")
        time.sleep(3)  # the cluster starts its workers
        web_pids = _children(web.pid)
        workers_before = set(_children(cluster.pid))
        sampler = Sampler(web_pids, cluster.pid)
        sampler.sample()
        web_start = sampler.web_peak
        sampler.start()
        session = requests.Session()
        session.cookies.set("sessionid", session_key)

        bomb = zip_bomb_odt(args.bomb_mib * 1024 * 1024)
        response, took = _propose(session, base, library_url, "bomba.odt", bomb,
                                  "application/vnd.oasis.opendocument.text")
        refused = response.status_code == 400 and "rozpakowaniu" in response.text
        print(f"zip bomb ({len(bomb) // 1024} KB, unpacks to {args.bomb_mib} MiB): HTTP {response.status_code} "
              f"in {took:.2f} s, refused with the message: {refused}")
        if not refused:
            failures.append("the zip bomb was not refused")

        hostile = pdf_bomb(pages=args.pages)
        response, took = _propose(session, base, library_url, "wrogi.pdf", hostile, "application/pdf")
        print(f"hostile PDF ({len(hostile) // 1024} KB, {args.pages} pages): HTTP {response.status_code} in {took:.2f} s")
        started = time.perf_counter()
        row = _wait_text(database, "wrogi.pdf")
        print(f"  extraction: {row} after {time.perf_counter() - started:.1f} s")
        if not row or row[0] not in ("too_large", "too_slow"):
            failures.append("the hostile PDF was not marked too large / too slow")

        ordinary = pdf_bytes(["Umowa najmu okazjonalnego"], pages=3)
        response, took = _propose(session, base, library_url, "zwykly.pdf", ordinary, "application/pdf")
        started = time.perf_counter()
        row = _wait_text(database, "zwykly.pdf")
        print(f"ordinary PDF: HTTP {response.status_code}; extraction: {row} after "
              f"{time.perf_counter() - started:.1f} s")
        if not row or row[0] != "done":
            failures.append("the next task did not run")

        sampler.running = False
        sampler.join()
        sampler.sample()
        workers_after = set(_children(cluster.pid))
        alive = workers_before <= workers_after and cluster.poll() is None
        print(f"web process (gunicorn worker {web_pids}): peak RSS {sampler.web_peak:.0f} MB "
              f"(at start {web_start:.0f} MB; limit {args.web_limit} MB)")
        for pid, (name, peak) in sorted(sampler.cluster_peaks.items()):
            print(f"task cluster: {name} {pid}: peak RSS {peak:.0f} MB")
        cluster_peak = max(peak for name, peak in sampler.cluster_peaks.values() if name == "cluster")
        print(f"worker (largest cluster process): peak RSS {cluster_peak:.0f} MB")
        print(f"cluster processes the same before and after: {alive} "
              f"({sorted(workers_before)} -> {sorted(workers_after)})")
        if sampler.web_peak >= args.web_limit:
            failures.append("the web process went over the limit")
        if not alive:
            failures.append("a worker died")
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        for process in (web, cluster):
            process.terminate()
        for process in (web, cluster):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("FAILED: " + "; ".join(failures) if failures else "OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
