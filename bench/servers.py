"""Local copies of the production front: nginx with deploy/nginx.conf, gunicorn, a Redis of one's own.

Used by the page bench (bench/http_pages.py) and by the tests that need the real thing
(tests/test_edge_cache.py: nginx's page cache and its purge; tests/test_cache_faults.py: a
Redis that can be hung and stopped without touching the one everybody shares).

nginx runs the production configuration itself with only the compose stack's names
rewritten: the upstream servers (web:8000, web2:8000) become the local server, the two
listening ports free local ports, the cache, static and media folders local ones. It needs
Debian's nginx and libnginx-mod-http-cache-purge (scripts/services.sh installs both).
"""

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")


def free_port():
    """A local port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout} s")


class _Process:
    """A server process started by start(), stopped by stop(), usable as a context manager."""

    process = None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # gunicorn waits for kept-alive connections on a loaded machine
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Connection:
    """One keep-alive HTTP connection that times each request (ms)."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.times = []

    def send(self, method, path, body=None, headers=None, timed=True):
        """(response, body) of one request; its duration is appended to `times` when `timed`; not 200 raises."""
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed the idle keep-alive connection (gunicorn's keepalive, 5 s): reconnect.
            self.connection.close()
            started = time.perf_counter()
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
        content = response.read()
        if timed:
            self.times.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError(f"{method} {path}: {response.status} {content[:300]!r}")
        return response, content


def nginx_available():
    """Whether nginx and the cache-purge module are installed."""
    return bool(shutil.which("nginx")) and PURGE_MODULE.exists()


def site_conf(conf, upstream, port, purge_port, folder, static_root, media_root):
    """The text of `conf` (a deploy/nginx.conf) with the compose stack's names replaced.

    The upstream and the main port must be found (the file may not change shape unnoticed);
    the page cache's lines are replaced where present (a baseline ref may have none).
    """
    text = Path(conf).read_text()
    required = [
        ("    server web:8000;\n    server web2:8000;\n", f"    server {upstream};\n"),
        ("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
        ("alias /srv/static/;", f"alias {static_root}/;"),
    ]
    optional = [
        ("listen 8081;", f"listen 127.0.0.1:{purge_port};"),
        ("/var/cache/nginx/razem", str(Path(folder) / "cache")),
        ("alias /srv/media/;", f"alias {media_root}/;"),
    ]
    for old, new in required:
        if old not in text:
            raise RuntimeError(f"{conf} changed shape: {old!r} is gone")
        text = text.replace(old, new)
    for old, new in optional:
        text = text.replace(old, new)
    return text


class LocalNginx(_Process):
    """nginx with `conf` (default deploy/nginx.conf) on free local ports, in front of `upstream` ("host:port")."""

    def __init__(self, folder, upstream, static_root, media_root, conf=ROOT / "deploy" / "nginx.conf"):
        self.folder = Path(folder)
        self.static_root = Path(static_root)
        self.port, self.purge_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.purge_url = f"http://127.0.0.1:{self.purge_port}"
        temp = self.folder / "temp"
        temp.mkdir(parents=True, exist_ok=True)
        (self.folder / "site.conf").write_text(
            site_conf(conf, upstream, self.port, self.purge_port, self.folder, static_root, media_root))
        (self.folder / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
daemon off;
pid {self.folder}/nginx.pid;
error_log {self.folder}/error.log warn;
load_module {PURGE_MODULE};
events {{ worker_connections 1024; }}
http {{
    include {MIME_TYPES};
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.folder}/site.conf;
}}
""")

    def start(self):
        config = str(self.folder / "nginx.conf")
        check = subprocess.run(["nginx", "-t", "-q", "-c", config], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx refused the configuration: {check.stderr}")
        self.process = subprocess.Popen(["nginx", "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process, "nginx")
        return self

    def get(self, path, cookies=None, headers=None):
        """(status, headers, body) of a GET through nginx (redirects not followed)."""
        request = urllib.request.Request(self.url + path, headers=dict(headers or {}))
        if cookies:
            request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))
        try:
            with urllib.request.build_opener(_NoRedirect).open(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class LocalRedis(_Process):
    """A redis-server of one's own on a free port, without persistence; it can be hung, resumed and stopped."""

    def __init__(self, folder):
        self.port = free_port()
        self.folder = Path(folder)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        import redis

        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)], stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_timeout=1)
        for _ in range(200):
            try:
                if client.ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def keys(self):
        """How many keys the server holds."""
        import redis

        return redis.Redis(port=self.port, socket_timeout=1).dbsize()

    def hang(self):
        """SIGSTOP: connections are accepted by the kernel and never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


class Gunicorn(_Process):
    """gunicorn with the checkout's deploy/gunicorn.conf.py serving `app` on a free local port."""

    def __init__(self, checkout, env, app, log):
        self.checkout = Path(checkout)
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.app = app
        self.log = log

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", self.app],
            cwd=self.checkout, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, "gunicorn", timeout=120)
        return self
