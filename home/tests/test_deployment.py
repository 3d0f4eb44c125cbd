"""What the running stack cannot show about compose.yaml, gunicorn and the health check.

`make stack-test` (scripts/stack.sh) builds the image and runs the whole compose stack;
these tests keep the checks a running stack cannot make: every variable compose sets is
read by the settings (or the image's scripts), every required production variable is
set and documented in the example, and the gunicorn/health-check scripts' behaviour.
"""

import gc
import re
import runpy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("migrate", "web", "web2", "worker")
# Variables production cannot run without (a missing one must stop `docker compose up`).
REQUIRED_IN_PRODUCTION = {
    "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "WAGTAILADMIN_BASE_URL", "DATABASE_URL",
    "REDIS_URL", "ELASTICSEARCH_URL", "EMAIL_HOST", "DEFAULT_FROM_EMAIL",
}
# Read by Django itself and by dj_database_url.config() rather than by name in our settings.
READ_BY_DJANGO = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|\benv|\brequire)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
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


def test_gunicorn_reads_its_sizing_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["timeout"]) == (5, 8, 90)
    assert config["worker_class"] == "gthread"
    monkeypatch.setenv("GUNICORN_THREADS", "1")
    assert runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["worker_class"] == "sync"


def test_the_arbiter_freezes_the_preloaded_application_before_forking(monkeypatch):
    monkeypatch.setenv("GUNICORN_PRELOAD", "1")
    when_ready = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["when_ready"]
    loaded = []
    monkeypatch.setitem(when_ready.__globals__, "_load_dictionaries", lambda: loaded.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        when_ready(server=None)
        assert loaded == [0]  # the dictionaries are loaded first, then frozen with the rest
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


@pytest.mark.django_db
def test_container_health_check_asks_healthz(live_server, monkeypatch):
    healthcheck = runpy.run_path(str(ROOT / "deploy" / "healthcheck.py"), run_name="healthcheck")
    monkeypatch.setenv("ALLOWED_HOSTS", "forum.example.org,.example.org")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:" + live_server.url.rsplit(":", 1)[-1])
    assert healthcheck["check_web"]() is True
