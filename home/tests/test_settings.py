"""Settings load in every environment; production refuses to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REAL_SECRET = "k3y-" + "x9Q2vL7pR4tW8zN1mB6cF0hJ5sD3gK8aE2uY7iO4pL1qZ6wX"


def run_manage(settings_module, *args, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "CI"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.test"])
def test_settings_load(module):
    result = run_manage(module, "check")
    assert result.returncode == 0, result.stderr


REDIS = "redis://127.0.0.1:6379/0"


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("cms.settings.production", "check", ALLOWED_HOSTS="forum.example.org", REDIS_URL=REDIS)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("cms.settings.production", "check", SECRET_KEY=REAL_SECRET, REDIS_URL=REDIS)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_check_deploy():
    result = run_manage(
        "cms.settings.production", "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="forum.example.org", REDIS_URL=REDIS,
    )
    assert result.returncode == 0, result.stdout + result.stderr
