"""Template tags of the directory: links into the filtered directory page."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils import translation

from directory.models import DirectoryIndexPage

register = template.Library()


def directory_index_url():
    """The URL of the directory page in the reader's language (the default language's if not translated)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    index = (
        DirectoryIndexPage.objects.live().filter(locale__language_code=language).first()
        or DirectoryIndexPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    return index.url if index else "/"


@register.simple_tag(takes_context=True)
def directory_url(context, **filters):
    """The directory page in the reader's language, filtered by the given facet codes (blank ones dropped)."""
    cache = context.render_context
    if "directory_index_url" not in cache:
        cache["directory_index_url"] = directory_index_url()
    query = urlencode({name: value for name, value in filters.items() if value})
    return cache["directory_index_url"] + (f"?{query}" if query else "")


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template (None when missing)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def initials(name):
    """Up to two initials of an organisation's name ("Fundacja Ocalenie" -> "FO"), for a missing logo."""
    letters = [word[0] for word in str(name).split() if word[:1].isalnum()]
    return "".join(letters[:2]).upper() or "?"


@register.filter
def initials_hue(name):
    """A stable colour (0-5) of the site's scale for a name's initials (the same name, the same colour)."""
    return sum(map(ord, str(name))) % 6
