"""Settings shared by every environment.

Safe for production on their own (DEBUG off); every value that differs between
machines comes from the environment, with an embedded default that lets
`make run` work on a fresh machine (SQLite, database search, ORM task broker).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Every variable read here is in the typed table of cms/settings/environment.py.
from .environment import value as env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# Our apps first so that their templates override the libraries' ones.
LOCAL_APPS = [
    "core",
    "home",
    "accounts",
    "directory",
    "groups",
    "community",
    "positions",
    "library",
    "innovations",
    "search",
    "digests",
]

INSTALLED_APPS = LOCAL_APPS + [
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "rest_framework",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LocaleMiddleware",  # Django's, minus the language redirect of /api/ 404s
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.LegalAcceptanceMiddleware",
    "accounts.middleware.AuditContextMiddleware",  # public-site actions audited with who did them
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "home.middleware.IdOverflowMiddleware",  # an id beyond 64 bits on SQLite: 404, not 500
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: PostgreSQL in production and CI, SQLite as the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env("CONN_MAX_AGE"),
        conn_health_checks=True,
    )
}
# The embedded default shares its file with its own django-q2 worker (ORM broker):
# WAL lets readers go on while one writes; IMMEDIATE takes the write lock when a
# transaction starts (a deferred one that reads first and writes later fails at
# once with "database is locked" instead of waiting); the timeout (seconds) is
# how long (seconds) a writer waits for the other one's short transaction.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Optional PostgreSQL read replica: only anonymous GET/HEAD requests read from it,
# outside transactions (cms.routers); everything else stays on the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env("CONN_MAX_AGE"),
        conn_health_checks=True,
    )
    # Tests see the replica as the primary itself (no second test database).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "cms.routers.ReplicaReadsMiddleware",
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: Polish is the default; every public URL carries its language prefix.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
# One date format per language, from CLDR (home.dates): cms/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["cms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT") or BASE_DIR / "static_collected")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Media on S3-compatible object storage (AWS, MinIO, Ceph, OVH, Scaleway…) when a
# bucket is named, so that several web machines share one set of uploads.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # None lets boto3 use its own chain (instance role, ~/.aws) when unset.
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": env("AWS_LOCATION"),
            # Private bucket, signed expiring links: documents of closed groups stay closed.
            "default_acl": None,
            "querystring_auth": env("AWS_QUERYSTRING_AUTH"),
            "querystring_expire": env("AWS_QUERYSTRING_EXPIRE"),
            # Wagtail keeps distinct names per upload; never overwrite another file.
            "file_overwrite": False,
        },
    }

# Cache: Redis when configured (shared by every process), else process-local memory (production
# requires REDIS_URL: cms.settings.production). Redis fails open (home.cache): unreachable or hung,
# it acts as an empty cache after at most REDIS_CACHE_OPTIONS' timeouts per call, and pages are
# computed from the database. Sessions therefore stay in the database alone: a log-out or a
# session change made while Redis is unreachable could not reach a cached copy, which would come
# back with Redis.
REDIS_URL = env("REDIS_URL")
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    # Redis answers in well under a millisecond on a local network: a call that waits longer is a
    # hung or unreachable server.
    "SOCKET_CONNECT_TIMEOUT": 0.25,
    "SOCKET_TIMEOUT": 0.25,
    # After a failure a process leaves Redis alone for this many seconds (home.cache).
    "RETRY_AFTER": 5,
}
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "home.cache.FailOpenRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": REDIS_CACHE_OPTIONS}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The edge page cache (nginx's proxy_cache, deploy/nginx.conf) keeps anonymous pages; Wagtail's
# frontend cache purges a page there when it is published or unpublished (home.edge_cache adds its
# ancestors), by a PURGE request to nginx's purge port (compose: http://nginx:8081). Unset: no purge.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                                      "LOCATION": FRONTEND_CACHE_PURGE_URL}}
    # A page's URL only: each translation is a page of its own, with its own slug and publication.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Background work: django-q2, built once. The broker: Redis when REDIS_URL is set, else the ORM;
# Q_BROKER=orm keeps PostgreSQL as the broker while the cache stays on Redis. The ORM broker
# acknowledges a task only once it is done (a killed worker's task is retried); the Redis
# broker removes it when taken. Clusters on several machines share the name "razem", hence
# one queue; two sites sharing one Redis use different database numbers in REDIS_URL.
# Scale-out tuning: docs/operations.md, "Background tasks".
_q_broker = {"redis": REDIS_URL} if REDIS_URL and env("Q_BROKER") != "orm" else {"orm": "default"}
Q_CLUSTER = {
    "name": "razem",
    **_q_broker,
    "workers": env("Q_WORKERS"),
    "timeout": env("Q_TIMEOUT"),
    "retry": env("Q_RETRY"),
    "max_attempts": env("Q_MAX_ATTEMPTS"),
    "recycle": env("Q_RECYCLE"),
    # Tasks a cluster takes ahead of its workers: small, so a crash strands few of them.
    "queue_limit": env("Q_QUEUE_LIMIT") or env("Q_WORKERS") * 2,
    "save_limit": env("Q_SAVE_LIMIT"),
    "ack_failures": True,
    "catch_up": False,
    "label": _("Background tasks"),
}
if Q_CLUSTER["retry"] <= Q_CLUSTER["timeout"]:
    raise ImproperlyConfigured("Q_RETRY must be larger than Q_TIMEOUT, or tasks run twice.")

# Search: Elasticsearch through elasticsearch-dsl when ELASTICSEARCH_URL is set,
# otherwise the database fallback. The Wagtail admin keeps its database backend.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX")
ELASTICSEARCH_TIMEOUT = env("ELASTICSEARCH_TIMEOUT")
# Digests' saved searches go through the search service (the database when Elasticsearch is down).
DIGESTS_SAVED_SEARCH_MATCHER = "cms.digest_search.match_saved_search"
# For a cluster of several nodes: retries on another node, and index replicas.
ELASTICSEARCH_MAX_RETRIES = env("ELASTICSEARCH_MAX_RETRIES")
ELASTICSEARCH_NUMBER_OF_REPLICAS = env("ELASTICSEARCH_NUMBER_OF_REPLICAS")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# E-mail: console by default; SMTP (or any backend) from the environment.
EMAIL_BACKEND = env("EMAIL_BACKEND")
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env("EMAIL_PORT")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts (django-allauth): e-mail is the identity, verified before log-in.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupConsentForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Forum Razem] "
# Proxies in front of Django that append to X-Forwarded-For (deploy/nginx.conf: 1; none on `make
# run`). core.client_ip derives every client address from it: django-ratelimit, allauth's limits
# (accounts.adapter) and the search throttles; DRF and allauth get the same number.
TRUSTED_PROXIES = env("TRUSTED_PROXIES")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
# Rate limits are enforced by allauth through the cache (login failures per IP and per account).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# django-ratelimit (home.ratelimit): over the limit, a 429 page in the site frame.
RATELIMIT_VIEW = "home.ratelimit.too_many_requests"
LOGIN_URL = "account_login"

# Privacy (RODO): how long things are kept.
ACCOUNT_UNVERIFIED_DAYS = env("ACCOUNT_UNVERIFIED_DAYS")
DATA_EXPORT_TTL_HOURS = env("DATA_EXPORT_TTL_HOURS")
MEETING_DATA_RETENTION_DAYS = env("MEETING_DATA_RETENTION_DAYS")
LOGIN_REDIRECT_URL = "/"

# Wagtail
WAGTAIL_SITE_NAME = "Forum Razem"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpg", "jpeg", "webp", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env("UPLOAD_MAX_BYTES")
# Every document upload (admin, choosers, library proposals) is checked by content: see core.uploads.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "library.forms.CheckedDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Every image upload goes through core.uploads.check_upload too (type by content, clean name).
WAGTAILIMAGES_IMAGE_FORM_BASE = "library.forms.CheckedImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILLOCALIZE_JQ_DISABLED = True
# A new translation of a live page stays a draft until someone translates and publishes it:
# readers never get the Polish text under /uk/ or /en/ presented as a translation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# API: read-only open data, described by an OpenAPI schema.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
    "NUM_PROXIES": TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Forum Razem open data API",
    "DESCRIPTION": "Published, public information of the Forum Razem workspace.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["home.api.only_public_api"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "home.api.document_not_found"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    # Wagtail logs every page action and django-tasks every task at INFO: too chatty for a console.
    "loggers": {
        name: {"level": "WARNING"}
        for name in ("elastic_transport", "wagtail", "django_tasks", "modelsearch")
    },
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): no inline or third-party scripts on the public site.
# Inline style attributes stay allowed (responsive embeds, rich text); <style> elements do not.
# The Wagtail and Django admins set their own inline scripts and styles, so they are exempt.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "frame-src": ["'self'", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
