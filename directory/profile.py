"""Sections that other apps add to an organisation's profile (working groups, library, …).

An app contributes by defining `organisation_sections(request, organisation)` in its
own `<app>/profile.py`, returning a list of
`{"title": str, "items": [{"title", "url", "meta"}], "url": optional link}`.
`organisation` is the page being shown (any translation; `.source` is the default-language page).
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


def profile_sections(request, organisation):
    """Collect the sections that the local apps offer, in the order of LOCAL_APPS."""
    sections = []
    for app in settings.LOCAL_APPS:
        if app == "directory" or find_spec(f"{app}.profile") is None:
            continue
        module = import_module(f"{app}.profile")
        if not hasattr(module, "organisation_sections"):
            continue
        sections.extend(section for section in module.organisation_sections(request, organisation) or [] if section)
    return sections
