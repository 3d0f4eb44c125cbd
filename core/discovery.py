"""How apps describe themselves: each local app may have a module of a known name
(`latest.py`, `search.py`, `digest.py`, `schedules.py`, `demo.py`, `skeleton.py`, `privacy.py`,
`profile.py`, `publications.py`, `needs.py`), and the app that uses them finds them here, never by importing the others."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


def app_modules(name, exclude=()):
    """(app, module) for every local app with a module `<app>/<name>.py`, in the order of
    LOCAL_APPS (an app later in the list may rely on an earlier one), apps in `exclude` left out."""
    for app in settings.LOCAL_APPS:
        if app not in exclude and find_spec(f"{app}.{name}") is not None:
            yield app, import_module(f"{app}.{name}")


def app_module(name):
    """The module `<app>/<name>.py` of the first local app that has one (in the order of LOCAL_APPS), else None:
    for what one app offers the others (`needs.py`: the directory's needs)."""
    return next((module for _app, module in app_modules(name)), None)
