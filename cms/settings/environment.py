"""Every environment variable the settings read, in one typed table (parsed by environs).

`VARIABLES` maps a name to its type, its default and, for some, the values it may take.
The settings read them only through `value(name)` (the table's default) or
`value(name, default)` (another default, e.g. production's SMTP backend); a name missing
from the table is an error, a malformed value (`Q_WORKERS=two`, `Q_BROKER=rabbit`) stops
start-up with the variable's name. The README's "Configuration" table documents the same
names (home/tests/test_environment.py checks both ways).

An empty variable counts as unset (compose passes `${NAME:-}` as an empty string). No `$VAR`
expansion: a secret may begin with `$`.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from environs import Env, EnvError
from marshmallow.validate import OneOf

# name: (type, default[, allowed values]); an empty string means "not set".
VARIABLES = {
    # Django core
    "DEBUG": (bool, False),
    "SECRET_KEY": (str, ""),
    "SECRET_KEY_FALLBACKS": (list, []),
    "ALLOWED_HOSTS": (list, ["localhost", "127.0.0.1", "[::1]"]),
    "CSRF_TRUSTED_ORIGINS": (list, []),
    "LOG_LEVEL": (str, "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    "TRUSTED_PROXIES": (int, 0),
    # Database
    "DATABASE_URL": (str, ""),
    "CONN_MAX_AGE": (int, 0),
    "DATABASE_REPLICA_URL": (str, ""),
    # Files
    "STATIC_ROOT": (str, ""),
    "MEDIA_ROOT": (str, ""),
    "UPLOAD_MAX_BYTES": (int, 50 * 1024 * 1024),
    "AWS_STORAGE_BUCKET_NAME": (str, ""),
    "AWS_ACCESS_KEY_ID": (str, ""),
    "AWS_SECRET_ACCESS_KEY": (str, ""),
    "AWS_S3_ENDPOINT_URL": (str, ""),
    "AWS_S3_REGION_NAME": (str, ""),
    "AWS_S3_CUSTOM_DOMAIN": (str, ""),
    "AWS_LOCATION": (str, ""),
    "AWS_QUERYSTRING_AUTH": (bool, True),
    "AWS_QUERYSTRING_EXPIRE": (int, 3600),
    # Cache and background tasks
    "REDIS_URL": (str, ""),
    "FRONTEND_CACHE_PURGE_URL": (str, ""),
    "Q_BROKER": (str, "", ("", "orm", "redis")),
    "Q_WORKERS": (int, 2),
    "Q_TIMEOUT": (int, 300),
    "Q_RETRY": (int, 360),
    "Q_MAX_ATTEMPTS": (int, 5),
    "Q_RECYCLE": (int, 500),
    "Q_QUEUE_LIMIT": (int, None),  # None: twice Q_WORKERS
    "Q_SAVE_LIMIT": (int, 1000),
    # Search
    "ELASTICSEARCH_URL": (str, ""),
    "ELASTICSEARCH_INDEX_PREFIX": (str, "razem"),
    "ELASTICSEARCH_TIMEOUT": (float, 2.0),
    "ELASTICSEARCH_MAX_RETRIES": (int, 1),
    "ELASTICSEARCH_NUMBER_OF_REPLICAS": (int, 0),
    # E-mail
    "EMAIL_BACKEND": (str, "django.core.mail.backends.console.EmailBackend"),
    "EMAIL_HOST": (str, "localhost"),
    "EMAIL_PORT": (int, 25),
    "EMAIL_HOST_USER": (str, ""),
    "EMAIL_HOST_PASSWORD": (str, ""),
    "EMAIL_USE_TLS": (bool, False),
    "DEFAULT_FROM_EMAIL": (str, "Forum Razem <no-reply@localhost>"),
    # Site and privacy
    "WAGTAILADMIN_BASE_URL": (str, "http://127.0.0.1:8000"),
    "ACCOUNT_UNVERIFIED_DAYS": (int, 14),
    "DATA_EXPORT_TTL_HOURS": (int, 48),
    "MEETING_DATA_RETENTION_DAYS": (int, 30),
    # Production (cms.settings.production)
    "SECURE_SSL_REDIRECT": (bool, True),
    "SECURE_HSTS_SECONDS": (int, 60 * 60 * 24 * 365),
    "SECURE_HSTS_PRELOAD": (bool, True),
    # Tests (cms.settings.test)
    "CI": (bool, False),
    "TEST_DATABASE_NAME": (str, ""),
}

_env = Env(expand_vars=False)
_PARSERS = {bool: _env.bool, int: _env.int, float: _env.float, str: _env.str, list: _env.list}
_UNSET = object()


def value(name, default=_UNSET):
    """The variable `name` parsed with its type from VARIABLES (stripped; lists without blanks)."""
    kind, table_default, *allowed = VARIABLES[name]
    if default is _UNSET:
        default = table_default
    if not os.environ.get(name, "").strip():
        return default
    options = {"validate": OneOf(allowed[0])} if allowed else {}
    try:
        parsed = _PARSERS[kind](name, **options)
    except EnvError as exc:
        raise ImproperlyConfigured(str(exc)) from exc
    if kind is list:
        return [item.strip() for item in parsed if item.strip()]
    return parsed.strip() if kind is str and parsed else parsed


def require(name):
    """The variable's value, or stop start-up with a clear message when it is unset or empty."""
    found = value(name, None)  # no fallback to the table's default
    if not found:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment for production (see README, 'Production')."
        )
    return found
