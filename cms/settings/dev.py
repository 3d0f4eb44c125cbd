"""Local development: `make run` uses these, on the embedded defaults."""

from .base import *  # noqa: F401,F403
from .environment import value as env

DEBUG = env("DEBUG", True)
# A fixed key is fine only here: dev data never leaves the machine.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-razem-workspace-0123456789-abcdefghij"  # noqa: F405
ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
