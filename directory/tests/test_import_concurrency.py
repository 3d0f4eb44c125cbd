"""The import and the worker at the same time, as real processes, on SQLite (the embedded default,
own file) and on PostgreSQL (this checkout's test database): no partial import, a complete report.

The worker is `manage.py qcluster` on the ORM broker, busy with tasks that hold write
transactions on the directory page's row (which every created organisation updates), besides
the search updates the import's publications queue for it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from directory.tests.realistic import realistic_csv, realistic_rows

ROOT = Path(__file__).resolve().parents[2]
ROWS = 30
LOAD_TASKS = 40
LOCK_SECONDS = 0.25

COUNT = """
import json
from directory.models import ImportLine, ImportRun, OrganisationPage
from django_q.models import Task
run = ImportRun.objects.latest("pk")
print(json.dumps({"organisations": OrganisationPage.objects.filter(locale__language_code="pl").count(),
                  "status": run.status, "lines": run.lines.count(), "created": run.created,
                  "load_done": Task.objects.filter(func="directory.tests.worker_load.hold_write_lock").count()}))
"""
QUEUE_LOAD = f"""
from django_q.tasks import async_task
for _ in range({LOAD_TASKS}):
    async_task("directory.tests.worker_load.hold_write_lock", {LOCK_SECONDS})
"""


def manage(env, *args, timeout=600):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)


def embedded_env(database_url):
    """The settings `make run` uses (cms.settings.dev, ORM broker, database search) on `database_url`."""
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "ELASTICSEARCH_URL")}
    return {**env, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DATABASE_URL": database_url, "Q_WORKERS": "2"}


def import_beside_worker(env, tmp_path):
    """Queue the worker's load, start the worker, import ROWS organisations; the import's output and counts."""
    path = tmp_path / "organisations.csv"
    path.write_bytes(realistic_csv(realistic_rows(ROWS)))
    assert manage(env, "shell", "-c", QUEUE_LOAD).returncode == 0
    worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)  # the cluster is up and holding locks
        result = manage(env, "import_organisations", str(path), "--publish")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:  # the cluster drains its queue on SIGTERM: no need to wait for that
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(10)
    counts = json.loads(manage(env, "shell", "-c", COUNT).stdout.strip().splitlines()[-1])
    return result, counts


def assert_complete(result, counts):
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == f"created: {ROWS}, updated: 0, unchanged: 0, rejected: 0"
    assert counts["status"] == "done"
    assert counts["organisations"] == counts["created"] == counts["lines"] == ROWS
    assert counts["load_done"] > 0  # the worker did hold locks meanwhile


def test_sqlite_import_beside_its_worker(tmp_path):
    env = embedded_env(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for command in (("migrate", "--noinput", "-v0"), ("setup_site",)):
        done = manage(env, *command)
        assert done.returncode == 0, done.stderr[-2000:]
    assert_complete(*import_beside_worker(env, tmp_path))


def test_postgresql_import_beside_the_worker(tmp_path, transactional_db, django_db_serialized_rollback):
    from django.core.management import call_command

    call_command("setup_site", stdout=open(os.devnull, "w"))
    params = connection.settings_dict
    url = (f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST'] or '127.0.0.1'}:"
           f"{params['PORT'] or 5432}/{params['NAME']}")
    assert_complete(*import_beside_worker(embedded_env(url), tmp_path))
