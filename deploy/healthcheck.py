"""Container health checks of the production image (Docker HEALTHCHECK).

    python deploy/healthcheck.py web     # GET /healthz answers 200 (the database is up)
    python deploy/healthcheck.py worker  # a django-q2 cluster of this container reported in the last seconds

Exit status 0 means healthy. A degraded search engine or queue keeps the web
container healthy (/healthz still answers 200): restarting it would not help.
"""

import os
import socket
import sys
import urllib.request


def check_web():
    """Ask gunicorn for /healthz with a Host header that ALLOWED_HOSTS accepts."""
    hosts = [host.strip().lstrip(".") for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host.strip()]
    host = next((h for h in hosts if h != "*"), "localhost")
    port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz",
        # As nginx would forward it, so that SECURE_SSL_REDIRECT does not answer 301.
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:  # raises on 503
        return response.status == 200


def check_worker():
    """True when a django-q2 cluster running on this host has saved its status recently."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from django.conf import settings

    # The Redis broker needs only the settings; the ORM broker needs the app registry, and
    # django.setup() imports every app (measured: 46 s instead of 2 s per check on a loaded
    # 2-core machine, so the check timed out while the worker was fine).
    if "redis" not in settings.Q_CLUSTER:
        import django

        django.setup()
    from django_q.status import Stat

    hostname = socket.gethostname()
    return any(stat.host == hostname for stat in Stat.get_all())


if __name__ == "__main__":
    role = sys.argv[1] if len(sys.argv) > 1 else "web"
    try:
        healthy = check_worker() if role == "worker" else check_web()
    except Exception as exc:  # any failure to answer is "unhealthy"
        print(f"unhealthy: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    sys.exit(0 if healthy else 1)
