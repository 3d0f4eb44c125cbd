"""The production image and stack: compose.yaml, Dockerfile, nginx and gunicorn configs.

No Docker engine runs on our machines, so these tests read the files and check them
against what the project really reads and serves: every variable compose sets is
read by the settings (or the image's scripts), every required production variable
is set, services have health checks and their data lives on named volumes.
"""

import re
import runpy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("migrate", "web", "worker")
STATEFUL = {"postgres": "/var/lib/postgresql/data", "redis": "/data", "elasticsearch": "/usr/share/elasticsearch/data"}
# Variables production cannot run without (a missing one must stop `docker compose up`).
REQUIRED_IN_PRODUCTION = {
    "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL", "DATABASE_URL",
    "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL",
}
# Read by Django itself and by dj_database_url.config() rather than by name in our settings.
READ_BY_DJANGO = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_bool|env_list|require_env)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
)
SHELL_READ = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def variables_read():
    """Environment variables read by the settings, gunicorn's config and the image's scripts."""
    names = set(READ_BY_DJANGO)
    for path in [*(ROOT / "cms" / "settings").glob("*.py"), ROOT / "deploy" / "gunicorn.conf.py",
                 ROOT / "deploy" / "healthcheck.py"]:
        names |= set(ENV_READ.findall(path.read_text()))
    names |= set(SHELL_READ.findall((ROOT / "deploy" / "entrypoint.sh").read_text()))
    return names


def interpolated(value):
    """Names of the ${VARIABLES} compose substitutes in a value."""
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", str(value)))


def test_the_stack_has_every_service(compose):
    services = compose["services"]
    assert {"web", "worker", "migrate", "postgres", "redis", "elasticsearch", "nginx"} <= set(services)
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name
        assert services[name]["image"] == services["web"]["image"], "one image for every role"
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert services["migrate"]["command"] == ["migrate"]
    entrypoint = (ROOT / "deploy" / "entrypoint.sh").read_text()
    for role in ("web)", "worker)", "migrate)"):
        assert role in entrypoint
    assert "manage.py qcluster" in entrypoint
    # Each release: migrations, then the periodic tasks (idempotent), then the deploy checks.
    from django.core.management import get_commands

    migrate_role = entrypoint.split("migrate)")[1].split(";;")[0]
    for command in ("migrate --noinput", "setup_schedules", "check --deploy"):
        assert f"manage.py {command}" in migrate_role
    assert "setup_schedules" in get_commands()
    assert "gunicorn -c deploy/gunicorn.conf.py cms.wsgi" in entrypoint


def test_several_workers_and_migrations_before_the_release_starts(compose):
    services = compose["services"]
    assert str(services["worker"]["deploy"]["replicas"]).startswith("${WORKER_REPLICAS:-")
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        for backing in ("postgres", "redis", "elasticsearch"):
            assert services[name]["depends_on"][backing]["condition"] == "service_healthy"
    assert services["migrate"]["restart"] == "no"


def test_long_running_services_have_health_checks(compose):
    for name, service in compose["services"].items():
        if service.get("restart") == "no":
            continue  # one-off jobs: migrate, hunspell
        test = service.get("healthcheck", {}).get("test")
        assert test, f"{name} has no health check"
    web_check = compose["services"]["web"]["healthcheck"]["test"]
    assert web_check == ["CMD", "python", "deploy/healthcheck.py", "web"]
    assert "/healthz" in (ROOT / "deploy" / "healthcheck.py").read_text()
    assert compose["services"]["worker"]["healthcheck"]["test"][-1] == "worker"


def test_data_lives_on_named_volumes(compose):
    declared = set(compose["volumes"])
    used = set()
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2]
            if not source.startswith("."):
                used.add(source)
                assert source in declared, f"{name} uses undeclared volume {source}"
            else:
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
    assert used == declared, "every declared volume is used"
    for name, path in STATEFUL.items():
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in compose["services"][name]["volumes"]}
        assert path in mounts, f"{name} keeps its data on a volume"


def test_nginx_serves_the_static_and_media_volumes_of_web(compose):
    services = compose["services"]
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in services["nginx"]["volumes"]}
    web_mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in services["web"]["volumes"]}
    assert mounts["./deploy/nginx.conf"] == "/etc/nginx/conf.d/default.conf"
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    assert f"alias {mounts['static']}/;" in config
    assert f"alias {mounts['media']}/;" in config
    # The web role copies its collected files into the volume nginx reads.
    assert services["web"]["environment"]["STATIC_VOLUME"] == web_mounts["static"]
    assert web_mounts["media"] == services["web"]["environment"]["MEDIA_ROOT"]
    assert "server web:8000;" in config
    # Documents go through Wagtail's view, which checks privacy.
    assert re.search(r"location /media/documents/ \{\s*return 404;", config)
    upload = int(re.search(r"client_max_body_size (\d+)m;", config).group(1))
    assert upload * 1024 * 1024 > 50 * 1024 * 1024


def test_elasticsearch_is_the_official_single_node_with_hunspell(compose):
    es = compose["services"]["elasticsearch"]
    assert re.fullmatch(r"docker\.elastic\.co/elasticsearch/elasticsearch:8\.19\.\d+", es["image"])
    assert es["environment"]["discovery.type"] == "single-node"
    # Security is stated explicitly, never left to the image's auto-configuration.
    assert es["environment"]["xpack.security.enabled"] == "true"
    assert "ELASTIC_PASSWORD" in es["environment"]
    mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in es["volumes"]}
    assert mounts["/usr/share/elasticsearch/config/hunspell"] == "hunspell"
    fill = " ".join(compose["services"]["hunspell"]["command"])
    assert "hunspell-pl hunspell-uk" in fill and "pl_PL uk_UA" in fill
    assert es["depends_on"]["hunspell"]["condition"] == "service_completed_successfully"
    url = compose["services"]["web"]["environment"]["ELASTICSEARCH_URL"]
    assert "@elasticsearch:9200" in url


def test_app_services_point_at_the_stack(compose):
    env = compose["services"]["web"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379/")
    assert env["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"


def test_every_variable_set_is_read_and_every_required_one_is_set(compose, variables_read):
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        unread = set(env) - variables_read
        assert not unread, f"{name} sets variables nothing reads: {sorted(unread)}"
        missing = REQUIRED_IN_PRODUCTION - set(env)
        assert not missing, f"{name} lacks required variables: {sorted(missing)}"
        for variable in REQUIRED_IN_PRODUCTION:
            value = str(env[variable])
            # A secret comes from .env and stops compose when absent; others are fixed in the file.
            assert ":-}" not in value, f"{variable} must not default to empty"
            assert all(f"{{{ref}:?" in value for ref in interpolated(value)), variable


def test_every_interpolated_variable_is_documented_in_the_example(compose):
    example = (ROOT / "deploy" / "production.env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    used = interpolated((ROOT / "compose.yaml").read_text())
    assert used <= documented, sorted(used - documented)


def test_dockerfile_builds_a_non_root_image_with_static_and_translations():
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = [line.split()[0] for line in dockerfile.splitlines() if line and not line[0].isspace()
                    and not line.startswith("#")]
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "gettext" in dockerfile
    assert "compilemessages" in dockerfile and "collectstatic --noinput" in dockerfile
    user = re.search(r"^USER (\S+)$", dockerfile, flags=re.MULTILINE).group(1)
    assert user not in {"root", "0"}
    # Commands after USER run unprivileged; the server starts after it.
    assert instructions.index("USER") < instructions.index("ENTRYPOINT")
    assert re.search(r'HEALTHCHECK .*\n.*deploy/healthcheck.py", "web"', dockerfile)
    assert 'ENTRYPOINT ["deploy/entrypoint.sh"]' in dockerfile
    # The build-time key is not baked into the image's environment.
    assert not re.search(r"^ENV .*SECRET_KEY", dockerfile, flags=re.MULTILINE)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".services", "media", "db.sqlite3", ".env"} <= set(ignored)


def test_gunicorn_reads_its_sizing_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["timeout"]) == (5, 8, 90)
    assert config["worker_class"] == "gthread"
    monkeypatch.setenv("GUNICORN_THREADS", "1")
    assert runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["worker_class"] == "sync"


@pytest.mark.django_db
def test_container_health_check_asks_healthz(live_server, monkeypatch):
    healthcheck = runpy.run_path(str(ROOT / "deploy" / "healthcheck.py"), run_name="healthcheck")
    monkeypatch.setenv("ALLOWED_HOSTS", "forum.example.org,.example.org")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:" + live_server.url.rsplit(":", 1)[-1])
    assert healthcheck["check_web"]() is True
