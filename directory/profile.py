"""Sections that other apps add to an organisation's profile (working groups, library, …).

An app contributes by defining `organisation_sections(request, organisation)` in its
own `<app>/profile.py`, returning a list of
`{"title": str, "items": [{"title", "url", "meta"}], "url": optional link}`.
`organisation` is the page being shown (any translation; `.source` is the default-language page).
"""

from core.discovery import app_modules


def profile_sections(request, organisation):
    """Collect the sections that the local apps offer, in the order of LOCAL_APPS."""
    sections = []
    for _app, module in app_modules("profile", exclude=("directory",)):
        if not hasattr(module, "organisation_sections"):
            continue
        sections.extend(section for section in module.organisation_sections(request, organisation) or [] if section)
    return sections
