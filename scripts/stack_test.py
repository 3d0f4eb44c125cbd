"""The stack test's checks (run by `scripts/stack.sh test`, i.e. `make stack-test`).

The images are built; this brings up compose.yaml + compose.stack-test.yaml and checks,
through nginx where a visitor would go, what issue #27 lists: the image's security,
time to healthy, migrations once, schedules, /healthz, pages in pl/uk/en with their
caching headers, search from Elasticsearch, a task sent by the web container and run by
a worker, a worker killed mid-task (Redis broker, then the ORM broker for comparison),
three workers, a rolling update of the two web services, media upload and download, and
the backup procedure of docs/operations.md restored into a fresh stack. Every step
prints its wall time; the summary repeats them with the build figures.

Standard library only: it runs with the machine's python3, outside the project's venv.
"""

import base64
import hashlib
import http.client
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import threading
import time
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("STACK_WORK", ROOT / ".stack"))
TIMINGS = Path(os.environ.get("STACK_TIMINGS", WORK / "timings.txt"))
PROJECT = os.environ.get("COMPOSE_PROJECT_NAME", "razemstack")
APP_IMAGE = "razem-workspace:latest"
NGINX = ("127.0.0.1", 18080)
HOST = "razem.test"
RESULTS = []  # (step, seconds, what was found)


def log(message):
    print(f"[stack] {message}", flush=True)


class StackError(AssertionError):
    """A check failed; the message says what was expected and what was found."""


def check(condition, message):
    if not condition:
        raise StackError(message)


@contextmanager
def step(name):
    """Time one check; its body may set `found` on the yielded dict for the summary."""
    log(f"{name} …")
    info = {"found": ""}
    start = time.monotonic()
    yield info
    took = time.monotonic() - start
    RESULTS.append((name, took, info["found"]))
    log(f"{name}: {took:.1f} s{' — ' + info['found'] if info['found'] else ''}")


def run(*args, check_rc=True, timeout=600, stdin=None):
    """Run a command; return its stdout (text). Fails with the command's output."""
    proc = subprocess.run(args, capture_output=True, text=stdin is None or isinstance(stdin, str),
                          input=stdin, timeout=timeout)
    if check_rc and proc.returncode != 0:
        raise StackError(f"{' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout if check_rc else proc


def compose(*args, **kwargs):
    return run("docker-compose", "-f", ROOT / "compose.yaml", "-f", ROOT / "compose.stack-test.yaml",
               "--env-file", WORK / "test.env", *args, **kwargs)


def containers(service, all_states=False):
    """Ids of a service's containers (running ones unless all_states)."""
    args = ["docker", "ps", "-q", "--filter", f"label=com.docker.compose.project={PROJECT}",
            "--filter", f"label=com.docker.compose.service={service}"]
    if all_states:
        args.append("-a")
    return run(*args).split()


def logs(container, since=None):
    """A container's output (stdout and stderr), all of it or since a Unix time."""
    proc = run("docker", "logs", *(["--since", f"{since:.0f}"] if since else []), container, check_rc=False)
    return proc.stdout + proc.stderr


def inspect(container):
    return json.loads(run("docker", "inspect", container))[0]


def django(code, service="web", env=None):
    """Run Python in a service's container with Django set up; return its last stdout line as JSON."""
    container = containers(service)[0]
    script = "import django, json\ndjango.setup()\n" + code
    env_args = [a for k, v in (env or {}).items() for a in ("-e", f"{k}={v}")]
    out = run("docker", "exec", "-i", *env_args, container, "python", "-", stdin=script, timeout=900)
    return json.loads(out.strip().splitlines()[-1])


def request(method, path, body=None, headers=None, port=None, timeout=30):
    """One HTTP request to nginx (or a port), as a browser behind TLS would send it."""
    conn = http.client.HTTPConnection(NGINX[0], port or NGINX[1], timeout=timeout)
    all_headers = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def wait_for(predicate, timeout, what, interval=2):
    """Poll until predicate() is truthy; return its value or fail naming `what`."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as exc:  # not up yet
            last = f"{exc.__class__.__name__}: {exc}"
        time.sleep(interval)
    raise StackError(f"timed out after {timeout} s waiting for {what} (last: {last})")


def health_states():
    """Service name → list of container states ("healthy", "exited 0", "running"…)."""
    states = {}
    ids = run("docker", "ps", "-aq", "--filter", f"label=com.docker.compose.project={PROJECT}").split()
    # One `docker inspect` for all: polled every few seconds while the machine is busy.
    for data in json.loads(run("docker", "inspect", *ids)) if ids else []:
        service = data["Config"]["Labels"]["com.docker.compose.service"]
        state = data["State"]
        if state.get("Health"):
            value = state["Health"]["Status"]
        elif state["Status"] == "exited":
            value = f"exited {state['ExitCode']}"
        else:
            value = state["Status"]
        states.setdefault(service, []).append(value)
    return states


def stack_healthy(workers):
    states = health_states()
    expected_long = ["postgres", "redis", "elasticsearch", "elasticsearch2", "web", "web2", "nginx-host"]
    for one_off in ("migrate", "hunspell"):
        if any(s.startswith("exited") and s != "exited 0" for s in states.get(one_off, [])):
            raise StackError(f"{one_off} failed: {states[one_off]}")
    ok = all(states.get(s) == ["healthy"] for s in expected_long) \
        and states.get("worker", []).count("healthy") == workers \
        and states.get("migrate") == ["exited 0"] and states.get("hunspell") == ["exited 0"]
    return states if ok else None


def run_seconds(container):
    """How long a finished container ran (its StartedAt to FinishedAt)."""
    from datetime import datetime
    state = inspect(container)["State"]

    def parse(stamp):  # 2026-12-06T10:17:36.123456789Z: Python reads microseconds
        head, _, frac = stamp.rstrip("Z").partition(".")
        return datetime.fromisoformat(f"{head}.{(frac or '0')[:6]:0<6}")
    return (parse(state["FinishedAt"]) - parse(state["StartedAt"])).total_seconds()


def up(workers=2):
    compose("up", "-d", "--no-build", "--scale", f"worker={workers}", timeout=1200)
    return wait_for(lambda: stack_healthy(workers), 900, "every service healthy", interval=5)


# --------------------------------------------------------------- image checks

SECRET_NAMES = re.compile(r"(^|/)(\.env|.*\.env|pip\.conf|\.netrc|\.pypirc|id_rsa|id_ed25519|\.git-credentials|test\.env)$")
# A real PEM key: the header followed by base64 (botocore's examples say "<a very long private key string>").
PRIVATE_KEY = re.compile(rb"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{64}")
ASSIGNED_SECRET = re.compile(r"(SECRET_KEY|PASSWORD|TOKEN|AWS_SECRET_ACCESS_KEY)=\S{4,}")


def image_layers_files(image):
    """Yield (path, bytes or None) for every regular file of every layer of the image."""
    proc = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE)
    with tarfile.open(fileobj=proc.stdout, mode="r|") as outer:
        for member in outer:
            if not member.name.endswith("layer.tar") and not member.name.startswith("blobs/"):
                continue
            if not member.isfile():
                continue
            layer = outer.extractfile(member)
            try:
                with tarfile.open(fileobj=io.BytesIO(layer.read()), mode="r:") as inner:
                    for entry in inner:
                        if entry.isfile():
                            small = entry.size <= 512 * 1024
                            yield entry.name, (inner.extractfile(entry).read() if small else None)
            except tarfile.ReadError:
                continue  # a config blob, not a layer
    proc.wait()


def check_image():
    with step("image: size, user, history, layers, tools") as info:
        data = json.loads(run("docker", "image", "inspect", APP_IMAGE))[0]
        size_mb = data["Size"] / 1e6
        check(data["Config"]["User"] == "razem", f"image user is {data['Config']['User']!r}, expected razem")
        env = data["Config"]["Env"]
        bad_env = [e for e in env if ASSIGNED_SECRET.search(e)]
        check(not bad_env, f"secret-like ENV in the image: {bad_env}")
        history = run("docker", "history", "--no-trunc", "--format", "{{.CreatedBy}}", APP_IMAGE)
        check(not ASSIGNED_SECRET.search(history), "a secret-like assignment in the image history:\n" + history)
        check("wheelhouse" not in history or "--find-links" not in history,
              "the final image's history mentions the wheelhouse install (the build stage leaked)")
        files = 0
        for name, content in image_layers_files(APP_IMAGE):
            files += 1
            check(not SECRET_NAMES.search(name), f"file {name} must not be in the image")
            check("/.git/" not in f"/{name}" and "wheelhouse/" not in name, f"{name} must not be in the image")
            if content is not None and PRIVATE_KEY.search(content):
                raise StackError(f"a private key in {name}")
        # No development tools: no compilers, no pip in the app's environment, no test packages.
        probe = ("for t in gcc cc make git msgfmt /opt/venv/bin/pip; do command -v $t >/dev/null && echo $t; done; "
                 "for m in pytest playwright factory hypothesis schemathesis pip setuptools; do "
                 "python -c \"import $m\" 2>/dev/null && echo py:$m; done; id -u")
        out = run("docker", "run", "--rm", "--network", "none", "--entrypoint", "sh", APP_IMAGE, "-c", probe).split()
        check(out[-1] == "10001", f"container user id {out[-1]}, expected 10001")
        check(out[:-1] == [], f"development tools in the image: {out[:-1]}")
        info["found"] = (f"{size_mb:.0f} MB, user razem (10001), {files} files scanned: "
                         "no secrets, no .env/pip.conf/.git/keys, no compiler/git/pip/test packages")
        return size_mb


# --------------------------------------------------------------- stack checks

def check_migrations_and_schedules():
    with step("migrations ran once; schedules set up; check --deploy") as info:
        migrate = containers("migrate", all_states=True)
        check(len(migrate) == 1, f"{len(migrate)} migrate containers, expected 1")
        output = logs(migrate[0])
        applied = output.count("Applying ")
        check(applied > 0, "the migrate container applied nothing:\n" + output[-2000:])
        for service in ("web", "web2", "worker"):
            for cid in containers(service):
                check("Applying " not in logs(cid), f"{service} applied migrations too")
        state = django(
            "from django.db.migrations.executor import MigrationExecutor\n"
            "from django.db import connection\n"
            "from django_q.models import Schedule\n"
            "plan = MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes())\n"
            "print(json.dumps({'unapplied': len(plan), 'schedules': sorted(Schedule.objects.values_list('name', flat=True))}))")
        check(state["unapplied"] == 0, f"{state['unapplied']} migrations not applied")
        check(state["schedules"], "no django-q2 schedules: setup_schedules did not run")
        deploy = run("docker", "exec", containers("web")[0], "python", "manage.py", "check", "--deploy",
                     "--fail-level", "WARNING", check_rc=False)
        check(deploy.returncode == 0, f"check --deploy in the web container:\n{deploy.stdout}{deploy.stderr}")
        info["found"] = f"{applied} migrations applied by the migrate container only; schedules {state['schedules']}"


def check_read_only():
    with step("read-only root file system of web, worker, migrate") as info:
        for service in ("web", "web2", "worker", "migrate"):
            for cid in containers(service, all_states=True):
                check(inspect(cid)["HostConfig"]["ReadonlyRootfs"], f"{service} runs with a writable root fs")
        web = containers("web")[0]
        probe = run("docker", "exec", web, "sh", "-c",
                    "touch /app/x 2>/dev/null && echo app-writable; touch /tmp/x && echo tmp-ok; "
                    "touch /app/media/.probe && rm /app/media/.probe && echo media-ok; id -u").split()
        check(probe == ["tmp-ok", "media-ok", "10001"], f"expected /app read-only, /tmp and media writable: {probe}")
        info["found"] = "root fs read-only; /tmp (tmpfs) and the media volume writable; uid 10001"


def check_health():
    with step("/healthz through nginx") as info:
        def green():
            status, _, body = request("GET", "/healthz")
            data = json.loads(body)
            ok = (status == 200 and data["status"] == "ok" and data["database"] == "ok"
                  and data["search"].startswith("ok") and data["queue"]["state"] == "ok"
                  and data["queue"]["workers"] >= 2 and data.get("cache", "ok") == "ok")
            return data if ok else None
        data = wait_for(green, 120, "/healthz green with two worker clusters")
        cache = data.get("cache")
        if cache is None:  # /healthz does not report the cache yet: check it the way the site uses it
            cache = django("from django.core.cache import caches\n"
                           "cache = caches['default']\n"
                           "cache.set('stack-test', 42, 30)\n"
                           "print(json.dumps('ok' if cache.get('stack-test') == 42 and "
                           "type(cache).__name__ == 'RedisCache' else 'down'))")
            check(cache == "ok", "the Redis cache does not answer from the web container")
            cache = "ok (Redis, checked from the web container; /healthz has no cache entry)"
        info["found"] = f"{json.dumps({k: v for k, v in data.items() if k != 'cache'})}; cache {cache}"


def load_content():
    with step("demo content (load_demo_data) and search index") as info:
        web = containers("web")[0]
        run("docker", "exec", web, "python", "manage.py", "load_demo_data", timeout=1200)
        run("docker", "exec", web, "python", "manage.py", "search_index", "--rebuild", timeout=900)
        counts = content_fingerprint()
        info["found"] = f"{counts['pages']} pages, {counts['organisations']} organisations"


def check_pages():
    with step("pages pl/uk/en and static files through nginx") as info:
        found = []
        for lang in ("pl", "uk", "en"):
            status, headers, body = request("GET", f"/{lang}/")
            check(status == 200, f"/{lang}/ answered {status}")
            check(f'lang="{lang}"'.encode() in body, f"/{lang}/ is not in {lang}")
            # Until the page cache of the access-and-caching issue (#24) lands, pages carry no
            # Cache-Control; what must hold already: a shared cache may not mix readers (Vary: Cookie).
            cache_control = headers.get("cache-control", "")
            check("cookie" in headers.get("vary", "").lower(), f"/{lang}/ must vary on Cookie: {headers.get('vary')}")
            check(headers.get("strict-transport-security"), f"/{lang}/ has no HSTS header")
            found.append(f"/{lang}/ 200 Cache-Control={cache_control or '-'} Vary={headers.get('vary')}")
        status, _, body = request("GET", "/pl/")
        css = re.search(rb'href="(/static/[^"]+\.css)"', body)
        check(css, "no stylesheet link on /pl/")
        status, headers, _ = request("GET", css.group(1).decode())
        check(status == 200 and "immutable" in headers.get("cache-control", ""),
              f"static {css.group(1)!r}: {status} {headers.get('cache-control')}")
        status, _, _ = request("GET", "/media/documents/anything.pdf")
        check(status == 404, f"/media/documents/ must be refused by nginx, got {status}")
        info["found"] = "; ".join(found) + f"; static {css.group(1).decode()} immutable; /media/documents/ 404"
    if "X-Cache-Status" in (ROOT / "deploy" / "nginx.conf").read_text():
        check_page_cache()


def check_page_cache():
    """nginx's page cache (#24, deploy/nginx.conf): anonymous pages stored and served, signed-in
    readers bypassing it, a publication purging the page (Wagtail's frontend cache → the purge server)."""
    with step("page cache: HIT for anonymous readers, BYPASS signed in, purged on publish") as info:
        # The cache key holds the Host; Wagtail purges with its Site's hostname, so ask with that one.
        site = django("from wagtail.models import Site\n"
                      "print(json.dumps(Site.objects.get(is_default_site=True).hostname))")
        host = {"Host": site}
        cached, skipped = [], []
        for lang in ("pl", "uk", "en"):
            status, first, _ = request("GET", f"/{lang}/", headers=host)
            check(status == 200, f"/{lang}/ with Host {site}: {status}")
            if "set-cookie" in first:  # by design never stored (a form's CSRF cookie)
                skipped.append(f"/{lang}/")
                continue
            _, second, _ = request("GET", f"/{lang}/", headers=host)
            check(second.get("x-cache-status") == "HIT",
                  f"/{lang}/ asked twice: {first.get('x-cache-status')} then {second.get('x-cache-status')}, expected HIT")
            cached.append(lang)
        check(cached, f"no home page was stored by the page cache (all set cookies: {skipped})")
        lang = cached[0]
        _, personal, _ = request("GET", f"/{lang}/", headers={**host, "Cookie": "sessionid=stack-test"})
        check(personal.get("x-cache-status") == "BYPASS",
              f"/{lang}/ with a session cookie: {personal.get('x-cache-status')}, expected BYPASS")
        django("from wagtail.models import Page\n"
               f"page = Page.objects.get(depth=2, locale__language_code={lang!r}).specific\n"
               "page.save_revision().publish()\n"
               "print(json.dumps(page.pk))")
        _, after, _ = request("GET", f"/{lang}/", headers=host)
        check(after.get("x-cache-status") in ("MISS", "EXPIRED"),
              f"/{lang}/ after publishing it: {after.get('x-cache-status')}, expected a purged page (MISS)")
        info["found"] = (f"Host {site}: {', '.join('/' + c + '/' for c in cached)} MISS then HIT"
                         f"{'; not stored (set a cookie): ' + ', '.join(skipped) if skipped else ''}; "
                         f"sessionid cookie BYPASS; /{lang}/ published -> {after.get('x-cache-status')}")


def check_search():
    with step("search answered by Elasticsearch (2-node cluster)") as info:
        status, headers, body = request("GET", "/api/v1/search?q=organizacja&language=pl")
        check(status == 200, f"search API answered {status}: {body[:300]!r}")
        engine = headers.get("x-search-engine", "")
        check(engine.startswith("elasticsearch") and "fallback" not in engine,
              f"X-Search-Engine is {engine!r}, expected Elasticsearch without fallback")
        data = json.loads(body)
        check(data["count"] > 0, f"no search results for 'organizacja': {data}")
        conn = http.client.HTTPConnection("127.0.0.1", 19200, timeout=30)
        conn.request("GET", "/_cluster/health?wait_for_status=green&timeout=60s")
        health = json.loads(conn.getresponse().read())
        check(health["number_of_nodes"] == 2 and health["status"] == "green",
              f"Elasticsearch cluster: {health}")
        conn.request("GET", "/_cat/shards?format=json")
        shards = json.loads(conn.getresponse().read())
        site = [shard for shard in shards if shard["index"].startswith("razem")]
        nodes = sorted({shard["node"] for shard in site})
        # ELASTICSEARCH_NUMBER_OF_REPLICAS=1: the primary on one node, its replica on the other.
        check(nodes == ["es1", "es2"] and all(shard["state"] == "STARTED" for shard in site),
              f"the site's shards are not on both nodes: {site}")
        info["found"] = (f"X-Search-Engine: {engine}, {data['count']} hits; cluster {health['cluster_name']} "
                         f"{health['status']} with {health['number_of_nodes']} nodes; the site's shards on "
                         f"{nodes} (primary and replica, {len(site)} shards)")


ENQUEUE = (
    "from django_q.tasks import async_task\n"
    "ids = [async_task({func!r}, *{args!r}, task_name=n) for n in {names!r}]\n"
    "print(json.dumps(ids))"
)


def enqueue(names, func, args, env=None):
    return django(ENQUEUE.format(func=func, args=tuple(args), names=list(names)), env=env)


def outcomes(names):
    """Task name → success of the finished django-q2 tasks among `names`.

    Polled: read with psql in the postgres container (a Django start in the web container per
    poll would cost seconds of CPU each on a busy machine)."""
    quoted = ", ".join("'" + name.replace("'", "''") + "'" for name in names)
    out = run("docker", "exec", containers("postgres")[0], "psql", "-U", "razem", "-d", "razem", "-At",
              "-F", "\t", "-c", f"SELECT name, success FROM django_q_task WHERE name IN ({quoted})")
    return {name: flag == "t" for name, flag in (line.split("\t") for line in out.splitlines() if line)}


def worker_that_logged(text, service="worker"):
    for cid in containers(service):
        if text in logs(cid):
            return cid
    return None


def check_task():
    with step("a task sent from the web container runs on a worker (Redis broker)") as info:
        name = f"stack-{uuid.uuid4().hex[:8]}"
        enqueue([name], "math.factorial", [10])
        done = wait_for(lambda: outcomes([name]).get(name) is not None, 120, f"task {name} to finish")
        check(outcomes([name])[name] is True, f"task {name} failed")
        cid = wait_for(lambda: worker_that_logged(f"processing {name}"), 30, "the worker's log line")
        info["found"] = f"math.factorial(10) executed by worker container {cid[:12]} ({done})"


def kill_mid_task(service_env, label):
    """Send a 25 s task, docker-kill the worker running it, start a replacement; return the outcome."""
    name = f"stack-kill-{label}-{uuid.uuid4().hex[:6]}"
    enqueue([name], "time.sleep", [25], env=service_env)
    cid = wait_for(lambda: worker_that_logged(f"processing {name}", service="worker"), 120,
                   f"a worker to start {name}", interval=1)
    time.sleep(3)  # well inside the 25 s
    run("docker", "kill", cid)
    return name, cid, time.monotonic(), time.time()


def worker_like(name, env, config):
    """Start a container configured like the compose file's worker (`config`: its docker inspect),
    with `env` on top. (`docker-compose run` would add links, which host networking refuses.)"""
    base_env = {k: v for k, v in (e.split("=", 1) for e in config["Config"]["Env"])}
    base_env.update(env)
    args = ["docker", "run", "-d", "--name", name, "--network", "host", "--read-only", "--tmpfs", "/tmp",
            "-v", f"{PROJECT}_media:/app/media"]
    for host in config["HostConfig"]["ExtraHosts"] or []:
        args += ["--add-host", host]
    for key, value in base_env.items():
        args += ["-e", f"{key}={value}"]
    run(*args, APP_IMAGE, "worker")


def check_worker_kill_redis():
    with step("worker killed mid-task: Redis broker") as info:
        name, cid, killed_at, killed_epoch = kill_mid_task(None, "redis")
        after = [f"stack-after-{uuid.uuid4().hex[:6]}" for _ in range(4)]
        enqueue(after, "math.factorial", [5])
        compose("up", "-d", "--no-recreate", "--scale", "worker=2", "worker")
        wait_for(lambda: list(outcomes(after).values()) == [True] * 4, 180, "the tasks sent after the kill")
        # The killed task: the Redis broker popped it (BLPOP) and nothing acknowledges it, so
        # no other worker ever gets it. Wait until a copy handed out again at once would have
        # ended (the 4 tasks above ran after it on the same queue), then look everywhere a
        # copy could be: its result, the broker's queue, a living worker's log.
        time.sleep(max(0.0, killed_at + 30 - time.monotonic()))
        lost = outcomes([name]).get(name) is None
        queued = django("from django_q.brokers import get_broker\nprint(json.dumps(get_broker().queue_size()))")
        # Since the kill: compose may start the killed container again, its old log included.
        running = [c[:12] for c in containers("worker") if f"processing {name}" in logs(c, since=killed_epoch)]
        check(lost and not queued and not running,
              f"{name} was handed out again after its worker was killed (result {outcomes([name])}, "
              f"{queued} queued, running in {running}): the Redis broker's documented behaviour "
              "changed; update docs/operations.md § 6")
        info["found"] = (f"the task running in the killed container {cid[:12]} is LOST (no result, not in "
                         "the queue, no living worker runs it; no failure recorded); the 4 tasks sent after "
                         "the kill ran on the surviving/new workers")


def check_worker_kills():
    """Both worker-kill checks at once: they share nothing (the ORM broker's workers are containers
    of their own, not compose's), and each mostly waits (a 25 s task, Q_RETRY)."""
    config = inspect(containers("worker")[0])
    failures = []

    def orm():
        try:
            check_worker_kill_orm(config)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
    thread = threading.Thread(target=orm)
    thread.start()
    try:
        check_worker_kill_redis()
    finally:
        thread.join()
    if failures:
        raise failures[0]


def check_worker_kill_orm(config):
    with step("worker killed mid-task: ORM broker (Q_BROKER=orm, Q_RETRY=40 s)") as info:
        # A separate worker on the ORM broker; the web container sends with the same setting.
        orm_env = {"Q_BROKER": "orm", "Q_TIMEOUT": "30", "Q_RETRY": "40"}
        first, second = f"{PROJECT}_ormworker_1", f"{PROJECT}_ormworker_2"
        worker_like(first, orm_env, config)
        try:
            name = f"stack-kill-orm-{uuid.uuid4().hex[:6]}"
            enqueue([name], "time.sleep", [25], env=orm_env)
            wait_for(lambda: f"processing {name}" in logs(first), 120, f"the ORM worker to start {name}", 1)
            time.sleep(3)
            run("docker", "kill", first)
            worker_like(second, orm_env, config)
            start = time.monotonic()
            wait_for(lambda: outcomes([name]).get(name) is True, 240, f"{name} to be re-run by the ORM broker")
            info["found"] = (f"the killed task was handed out again after Q_RETRY and completed "
                             f"{time.monotonic() - start:.0f} s after the kill (at-least-once)")
        finally:
            for container in (first, second):
                run("docker", "rm", "-f", container, check_rc=False)


def check_scale():
    with step("scale workers to 3") as info:
        compose("up", "-d", "--no-recreate", "--scale", "worker=3", "worker")
        wait_for(lambda: health_states().get("worker", []).count("healthy") == 3, 240, "3 healthy workers")

        def three_clusters():
            _, _, body = request("GET", "/healthz")
            return json.loads(body)["queue"]["workers"] == 3
        wait_for(three_clusters, 120, "/healthz to count 3 worker clusters")
        names = [f"stack-scale-{i}-{uuid.uuid4().hex[:4]}" for i in range(6)]
        enqueue(names, "math.factorial", [6])
        wait_for(lambda: len(outcomes(names)) == 6, 120, "6 tasks on 3 workers")
        used = {worker_that_logged(f"processing {n}") for n in names}
        info["found"] = f"3 worker containers healthy, /healthz counts 3 clusters; 6 tasks ran on {len(used)} of them"


def check_rolling_update():
    with step("rolling update: web then web2 recreated while nginx keeps answering") as info:
        results = []
        stop = threading.Event()

        def poll():
            while not stop.is_set():
                try:
                    status, _, _ = request("GET", "/pl/", timeout=30)
                except OSError as exc:
                    status = f"{exc.__class__.__name__}"
                results.append(status)
                time.sleep(0.2)
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            for service in ("web", "web2"):
                old = containers(service)
                compose("up", "-d", "--no-deps", "--force-recreate", service)
                wait_for(lambda: containers(service) != old and health_states().get(service) == ["healthy"],
                         300, f"the new {service} to be healthy")
        finally:
            stop.set()
            poller.join()
        failures = [r for r in results if r != 200]
        check(results and not failures, f"{len(failures)} of {len(results)} requests failed: {failures[:10]}")
        info["found"] = f"{len(results)} requests to /pl/ during both replacements, all 200"


def png(width=3, height=2):
    """A tiny valid PNG (no imaging library on the host side)."""
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * width for _ in range(height))

    def chunk(kind, data):
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", width.to_bytes(4, "big") + height.to_bytes(4, "big")
            + bytes([8, 2, 0, 0, 0])) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def pdf(text):
    """A small valid one-page PDF (with a correct cross-reference table) saying `text`."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


class Browser:
    """Cookies by hand: the site's cookies are Secure (TLS ends before nginx here)."""

    def __init__(self):
        self.cookies = {}

    def go(self, method, path, body=None, headers=None):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers = {"Cookie": cookie, "Origin": f"https://{HOST}", "Referer": f"https://{HOST}{path}",
                       **(headers or {})}
        status, response_headers, data = request(method, path, body=body, headers=all_headers)
        conn_cookies = response_headers.get("set-cookie", "")
        for part in re.findall(r"(?:^|,\s*)([A-Za-z0-9_]+)=([^;]*)", conn_cookies):
            self.cookies[part[0]] = part[1]
        return status, response_headers, data

    def csrf(self, path):
        status, _, body = self.go("GET", path)
        check(status == 200, f"GET {path}: {status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        check(token, f"no CSRF token on {path}")
        return token.group(1).decode()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, (filename, content, ctype) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                     f"Content-Type: {ctype}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


UPLOADED = {}


def check_media():
    with step("media: upload an image and a document through nginx, download them") as info:
        password = base64.urlsafe_b64encode(os.urandom(18)).decode()
        username = f"stack{uuid.uuid4().hex[:8]}"
        run("docker", "exec", "-e", f"DJANGO_SUPERUSER_PASSWORD={password}", containers("web")[0],
            "python", "manage.py", "createsuperuser", "--noinput", "--username", username,
            "--email", f"{username}@razem.test")
        browser = Browser()
        token = browser.csrf("/admin/login/")
        body = f"csrfmiddlewaretoken={token}&username={username}&password={password}&next=/admin/"
        status, headers, _ = browser.go("POST", "/admin/login/", body=body,
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        check(status == 302, f"admin login answered {status}")
        collection = django("from wagtail.models import Collection\n"
                            "print(json.dumps(Collection.get_first_root_node().id))")
        image = png()
        document = pdf(f"Stack test document {uuid.uuid4()}")
        ids = {}
        for kind, key, filename, content, ctype in (
                ("images", "image_id", "stack-test.png", image, "image/png"),
                ("documents", "doc_id", "stack-test.pdf", document, "application/pdf")):
            token = browser.csrf(f"/admin/{kind}/multiple/add/")
            data, content_type = multipart({"csrfmiddlewaretoken": token, "collection": collection},
                                           {"files[]": (filename, content, ctype)})
            status, _, body = browser.go("POST", f"/admin/{kind}/multiple/add/", body=data,
                                         headers={"Content-Type": content_type, "X-CSRFToken": token,
                                                  "X-Requested-With": "XMLHttpRequest"})
            answer = json.loads(body) if status == 200 else {}
            check(answer.get("success") and answer.get(key), f"{kind} upload: {status} {body[:300]!r}")
            ids[kind] = answer[key]
            UPLOADED[kind] = (answer, content)
        urls = django(
            "from wagtail.images import get_image_model\nfrom wagtail.documents import get_document_model\n"
            f"i = get_image_model().objects.get(id={ids['images']})\n"
            f"d = get_document_model().objects.get(id={ids['documents']})\n"
            "print(json.dumps({'image': i.file.url, 'document': d.url}))")
        UPLOADED["urls"] = urls
        for kind, url in (("images", urls["image"]), ("documents", urls["document"])):
            status, _, body = browser.go("GET", url)
            check(status == 200 and body == UPLOADED[kind][1], f"download {url}: {status}, {len(body)} bytes")
        info["found"] = f"image {urls['image']} (served by nginx) and document {urls['document']} (Wagtail view) byte-identical"


def content_fingerprint():
    return django(
        "import hashlib, os\n"
        "from wagtail.models import Page\nfrom django.contrib.auth import get_user_model\n"
        "from wagtail.images import get_image_model\nfrom wagtail.documents import get_document_model\n"
        "from directory.models import OrganisationPage\nfrom django.conf import settings\n"
        "titles = sorted(Page.objects.values_list('url_path', 'title'))\n"
        "media = []\n"
        "for base, _, files in os.walk(settings.MEDIA_ROOT):\n"
        "    for f in files:\n"
        "        p = os.path.join(base, f)\n"
        "        media.append((os.path.relpath(p, settings.MEDIA_ROOT), hashlib.sha256(open(p, 'rb').read()).hexdigest()))\n"
        "print(json.dumps({'pages': len(titles), 'titles': hashlib.sha256(repr(titles).encode()).hexdigest(),\n"
        "  'users': get_user_model().objects.count(), 'organisations': OrganisationPage.objects.count(),\n"
        "  'images': get_image_model().objects.count(), 'documents': get_document_model().objects.count(),\n"
        "  'media': hashlib.sha256(repr(sorted(media)).encode()).hexdigest(), 'media_files': len(media)}))")


def check_backup_restore():
    backup = WORK / "backup"
    backup.mkdir(exist_ok=True)
    with step("backup (docs/operations.md § 3: pg_dump custom format + media tar)") as info:
        before = content_fingerprint()
        # The commands of docs/operations.md § 3 "With the compose stack", as written there.
        dump = run("docker", "exec", containers("postgres")[0], "pg_dump", "-U", "razem", "--format=custom",
                   "--no-owner", "--no-acl", "razem", stdin=b"")
        (backup / "database.dump").write_bytes(dump)
        run("docker", "run", "--rm", "--network", "none", "-v", f"{PROJECT}_media:/m", "-v", f"{backup}:/b",
            "razem-base:bookworm", "tar", "-czf", "/b/media.tar.gz", "-C", "/m", ".")
        info["found"] = (f"dump {len(dump) / 1e6:.1f} MB, media {(backup / 'media.tar.gz').stat().st_size / 1e3:.0f} kB; "
                         f"{before['pages']} pages, {before['users']} users, {before['media_files']} media files")
    with step("restore into a fresh stack (down -v; postgres; pg_restore; media; up)") as info:
        # A new installation: empty volumes; the database restored before the site starts,
        # so the migrate service finds every migration applied (docs/operations.md § 3).
        compose("down", "-v", "-t", "10", timeout=600)
        compose("up", "-d", "--no-build", "postgres", "redis", "elasticsearch", "elasticsearch2", timeout=1200)
        wait_for(lambda: health_states().get("postgres") == ["healthy"], 300, "the fresh postgres")
        run("docker", "exec", "-i", containers("postgres")[0], "pg_restore", "-U", "razem", "-d", "razem",
            "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error",
            stdin=(backup / "database.dump").read_bytes())
        run("docker", "run", "--rm", "--network", "none", "-v", f"{PROJECT}_media:/m", "-v", f"{backup}:/b",
            "razem-base:bookworm", "sh", "-c", "find /m -mindepth 1 -delete && tar -xzf /b/media.tar.gz -C /m")
        up(workers=1)
        migrate_logs = logs(containers("migrate", all_states=True)[0])
        check("Applying " not in migrate_logs, "the restored database lacked migrations")
        run("docker", "exec", containers("web")[0], "python", "manage.py", "search_index", "--rebuild", timeout=900)
        after = content_fingerprint()
        check(after == before, f"restored content differs:\nbefore {before}\nafter  {after}")
        status, _, body = request("GET", UPLOADED["urls"]["image"])
        check(status == 200 and body == UPLOADED["images"][1], "the uploaded image is not served after the restore")
        status, headers, _ = request("GET", "/api/v1/search?q=organizacja&language=pl")
        check(status == 200 and "fallback" not in headers.get("x-search-engine", "fallback"), "search after restore")
        info["found"] = (f"same pages ({after['pages']}, titles hash equal), users, organisations, images, "
                         f"documents and {after['media_files']} media files (sha256 equal); migrate applied "
                         "nothing; image served, search from Elasticsearch")


def summary(image_mb):
    log("=" * 78)
    log("SUMMARY")
    if TIMINGS.exists():
        for line in TIMINGS.read_text().splitlines():
            name, _, value = line.partition("\t")
            unit = " s" if value.isdigit() and not name.startswith("nice") else ""
            log(f"  {name:<58} {value}{unit}")
    log(f"  {'app image size':<58} {image_mb:.0f} MB")
    for name, took, found in RESULTS:
        log(f"  {name:<58} {took:6.1f} s")
    log(f"  load average at end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    log("=" * 78)


def main():
    # The image's scan (docker save, every file read) runs while the stack starts.
    scanned = {}

    def scan():
        try:
            scanned["mb"] = check_image()
        except BaseException as exc:  # reported by the main thread
            scanned["error"] = exc
    scanner = threading.Thread(target=scan)
    scanner.start()
    try:
        with step("compose up until every service is healthy (time to healthy)") as info:
            states = up(workers=2)
            migrate = run_seconds(containers("migrate", all_states=True)[0])
            info["found"] = (", ".join(f"{k}: {'/'.join(v)}" for k, v in sorted(states.items()))
                             + f"; the migrate container ran {migrate:.0f} s")
    finally:
        scanner.join()
    if "error" in scanned:
        raise scanned["error"]
    image_mb = scanned["mb"]
    check_migrations_and_schedules()
    check_read_only()
    check_health()
    # The task checks first, while the queue is empty: the demo content queues hundreds of
    # search updates, which would make these waits long and their timing vary.
    check_task()
    check_worker_kills()
    check_scale()
    load_content()
    check_pages()
    check_search()
    check_media()
    check_rolling_update()
    check_backup_restore()
    summary(image_mb)


def wheels_requiring_newer_python(wheelhouse, version):
    """Names (and specifiers) of the wheels whose Requires-Python excludes `version`."""
    import email.parser
    import zipfile
    try:
        from packaging.specifiers import SpecifierSet
    except ImportError:  # pip always carries a copy
        from pip._vendor.packaging.specifiers import SpecifierSet
    found = []
    for wheel in sorted(Path(wheelhouse).glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            spec = email.parser.Parser().parsestr(archive.read(meta).decode()).get("Requires-Python")
        if spec and version not in SpecifierSet(spec):
            found.append(f"{wheel.name.split('-')[0]} ({spec})")
    return found


if __name__ == "__main__":
    if sys.argv[1:2] == ["--requires-python"]:  # used by scripts/stack.sh before the app build
        print(" ".join(wheels_requiring_newer_python(sys.argv[2], sys.argv[3])))
        sys.exit(0)
    try:
        main()
    except StackError as exc:
        log(f"CHECK FAILED: {exc}")
        for name, took, found in RESULTS:
            log(f"  passed: {name} ({took:.1f} s)")
        sys.exit(1)
