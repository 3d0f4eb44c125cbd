"""Production: every secret comes from the environment, with no default."""

from .base import *  # noqa: F401,F403
from .environment import require
from .environment import value as env

DEBUG = False
SECRET_KEY = require("SECRET_KEY")
# Old keys still accepted for signatures while a new SECRET_KEY rolls out (docs/operations.md).
SECRET_KEY_FALLBACKS = env("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = require("ALLOWED_HOSTS")
# A shared cache: every process sees a publication at once. Per-process memory would keep menus,
# sections and counts of each gunicorn worker for up to a day after a change (base.py, Cache).
REDIS_URL = require("REDIS_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
