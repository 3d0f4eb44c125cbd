"""Gunicorn settings for the production image, each from the environment.

Start: gunicorn -c deploy/gunicorn.conf.py cms.wsgi
Sizing (docs/operations.md): about (2 × cores) + 1 processes per machine, a few
threads each so that a slow Elasticsearch or SMTP call does not block a process.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# Uploads of large documents and exports must finish; nginx times out first (proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle processes now and then so that a slow leak never takes a machine down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Behind nginx only: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Workers share the imported application; saves memory with several processes.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"


def _load_dictionaries():
    # Imported here: gunicorn reads this file before it loads the application (and Django).
    from search.analysis import load_dictionaries

    load_dictionaries()


def when_ready(server):
    """With preload_app, load the lemmatiser's dictionaries once in the arbiter, before the
    workers fork and share them: else each worker's first search or publication waits seconds.

    Then freeze what the arbiter holds (Python's documented `gc.freeze` before fork): the loaded
    application lives as long as the process, and without it each full collection of a worker
    walks its ~250,000 objects again (about 150 ms on this app, inside some visitor's request)
    and writes to their pages, which the workers would otherwise share."""
    if preload_app:
        _load_dictionaries()
        gc.freeze()


def post_worker_init(worker):
    """Without preload_app every worker loads the application, and the dictionaries, itself."""
    if not preload_app:
        _load_dictionaries()

# The image's /tmp may be a small overlay: use memory for heartbeat files.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm" if os.path.isdir("/dev/shm") else None)
