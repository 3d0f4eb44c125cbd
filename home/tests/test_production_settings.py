"""Scale-out settings from the environment: media storage, task clusters, read replica.

Each case imports the settings in a fresh interpreter with its own environment
(settings are read once per process), as the production image does.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k3y-" + "x9Q2vL7pR4tW8zN1mB6cF0hJ5sD3gK8aE2uY7iO4pL1qZ6wX"
PRODUCTION = {"SECRET_KEY": SECRET, "ALLOWED_HOSTS": "forum.example.org", "REDIS_URL": "redis://127.0.0.1:6379/0"}
# Variables of the developer's shell that would change what these tests see.
SCRUBBED = {"SECRET_KEY", "ALLOWED_HOSTS", "CI", "AWS_STORAGE_BUCKET_NAME", "DATABASE_REPLICA_URL", "Q_BROKER",
            "Q_WORKERS", "Q_TIMEOUT", "Q_RETRY", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}


def run_python(code, settings="cms.settings.production", setup=True, **env):
    """Run `code` (after django.setup() unless `setup` is false) under `settings` and `env`."""
    environment = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    environment.update(DJANGO_SETTINGS_MODULE=settings, **env)
    script = "import django, json\n" + ("django.setup()\n" if setup else "") + code
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


def settings_json(code, setup=True, **env):
    """Evaluate the expression `code` (JSON-serialisable) in a configured process."""
    result = run_python(f"print(json.dumps({code}, default=str))", setup=setup, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_local_media_and_no_replica():
    conf = settings_json(
        "{'storage': type(__import__('django.core.files.storage').core.files.storage.storages['default']).__name__,"
        " 'aliases': sorted(__import__('django.conf').conf.settings.DATABASES),"
        " 'routers': __import__('django.conf').conf.settings.DATABASE_ROUTERS}",
        setup=False, **PRODUCTION, AWS_STORAGE_BUCKET_NAME="",
    )
    assert conf == {"storage": "FileSystemStorage", "aliases": ["default"], "routers": []}


def test_media_goes_to_s3_compatible_storage_when_a_bucket_is_named():
    code = """
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "class": f"{type(storage).__module__}.{type(storage).__name__}",
    "bucket": storage.bucket_name,
    "endpoint": storage.endpoint_url,
    "region": storage.region_name,
    "overwrite": storage.file_overwrite,
    "acl": storage.default_acl,
    "url": storage.url("documents/raport 2026.pdf"),
}))
"""
    env = {
        **PRODUCTION,
        "AWS_STORAGE_BUCKET_NAME": "razem-media",
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "example-secret",
        "AWS_S3_ENDPOINT_URL": "https://s3.waw.io.cloud.ovh.net",
        "AWS_S3_REGION_NAME": "waw",
    }
    result = run_python(code, setup=False, **env)
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["class"] == "storages.backends.s3.S3Storage"
    assert (storage["bucket"], storage["endpoint"], storage["region"]) == (
        "razem-media", "https://s3.waw.io.cloud.ovh.net", "waw")
    assert storage["overwrite"] is False and storage["acl"] is None
    # A private bucket: links are signed and expire (computed locally, no request is sent).
    assert storage["url"].startswith("https://s3.waw.io.cloud.ovh.net/razem-media/documents/raport%202026.pdf?")
    assert "X-Amz-Signature=" in storage["url"] and "X-Amz-Expires=3600" in storage["url"]

    result = run_python(code, setup=False, **env, AWS_S3_CUSTOM_DOMAIN="media.forum-razem.pl", AWS_QUERYSTRING_AUTH="0")
    assert result.returncode == 0, result.stderr
    url = json.loads(result.stdout.strip().splitlines()[-1])["url"]
    assert url == "https://media.forum-razem.pl/documents/raport%202026.pdf"


def test_task_clusters_are_tuned_from_the_environment():
    conf = settings_json(
        "{'q': __import__('django.conf').conf.settings.Q_CLUSTER,"
        " 'broker': type(__import__('django_q.brokers').brokers.get_broker()).__module__}",
        **{**PRODUCTION, "REDIS_URL": "redis://redis.internal:6379/2"}, Q_WORKERS="6", Q_TIMEOUT="600", Q_RETRY="700",
        Q_MAX_ATTEMPTS="3",
    )
    q = conf["q"]
    assert q["redis"] == "redis://redis.internal:6379/2" and "orm" not in q
    assert conf["broker"] == "django_q.brokers.redis_broker"
    assert (q["workers"], q["timeout"], q["retry"], q["max_attempts"]) == (6, 600, 700, 3)
    assert q["queue_limit"] == 12


def test_task_broker_can_stay_on_postgresql_with_the_cache_on_redis():
    conf = settings_json(
        "{'q': __import__('django.conf').conf.settings.Q_CLUSTER,"
        " 'cache': __import__('django.conf').conf.settings.CACHES['default']['BACKEND'],"
        " 'broker': type(__import__('django_q.brokers').brokers.get_broker()).__name__}",
        **{**PRODUCTION, "REDIS_URL": "redis://redis.internal:6379/0"}, Q_BROKER="orm",
    )
    assert conf["q"]["orm"] == "default" and "redis" not in conf["q"]
    assert conf["cache"] == "home.cache.FailOpenRedisCache"
    assert conf["broker"] == "ORM"


def test_a_retry_shorter_than_the_timeout_refuses_to_start():
    result = run_python("from django.conf import settings; settings.Q_CLUSTER", setup=False, **PRODUCTION,
                        Q_TIMEOUT="600", Q_RETRY="300")
    assert result.returncode != 0
    assert "Q_RETRY must be larger than Q_TIMEOUT" in result.stderr


def test_replica_serves_anonymous_reads_outside_transactions():
    """With DATABASE_REPLICA_URL (here the same real PostgreSQL), the router sends only safe reads to it."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        pytest.skip("needs DATABASE_URL of the real PostgreSQL")
    code = """
from django.conf import settings
from django.db import connections, router, transaction
from home.models import Sector
from cms.routers import replica_reads

seen = {"routers": settings.DATABASE_ROUTERS, "mirror": settings.DATABASES["replica"]["TEST"]["MIRROR"],
        "middleware": "cms.routers.ReplicaReadsMiddleware" in settings.MIDDLEWARE,
        "outside": Sector.objects.all().db, "write": router.db_for_write(Sector)}
with replica_reads():
    seen["inside"] = Sector.objects.all().db
    seen["inside_write"] = router.db_for_write(Sector)
    seen["migrate_replica"] = router.allow_migrate("replica", "home")
    with transaction.atomic():
        seen["in_transaction"] = Sector.objects.all().db
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT 1")
        seen["replica_answers"] = cursor.fetchone()[0]
print(json.dumps(seen))
"""
    result = run_python(code, **PRODUCTION, DATABASE_URL=database_url, DATABASE_REPLICA_URL=database_url)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "routers": ["cms.routers.ReplicaRouter"], "mirror": "default", "middleware": True,
        "outside": "default", "write": "default",
        "inside": "replica", "inside_write": "default", "migrate_replica": False,
        "in_transaction": "default", "replica_answers": 1,
    }


def test_production_with_the_compose_environment_passes_check_deploy():
    """The variables compose.yaml sets (with example values) give a site that passes `check --deploy`."""
    env = {
        **PRODUCTION,
        "CSRF_TRUSTED_ORIGINS": "https://forum.example.org",
        "WAGTAILADMIN_BASE_URL": "https://forum.example.org",
        "CONN_MAX_AGE": "60",
        "DATABASE_REPLICA_URL": "",
        "REDIS_URL": "redis://redis:6379/0",
        "Q_BROKER": "redis",
        "ELASTICSEARCH_URL": "http://elastic:pw@elasticsearch:9200",
        "AWS_STORAGE_BUCKET_NAME": "",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "1",
        "DEFAULT_FROM_EMAIL": "Forum Razem <no-reply@example.org>",
    }
    environment = {key: value for key, value in os.environ.items() if key not in SCRUBBED}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
