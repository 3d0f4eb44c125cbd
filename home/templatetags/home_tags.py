"""Template tags of the site frame: language switcher, menu, footer, file meta."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def _localized_root(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in every site language.

    A Wagtail page links to its live translation where one exists, else to the
    home page in that language; other views keep their path under the new prefix.
    """
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    translations = {}
    if page is not None:
        for tr in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[tr.locale.language_code] = tr
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code)
            exists = target is not None
            if target is None:
                home = _localized_root(request)
                target = home.get_translations(inclusive=True).filter(locale__language_code=code).first() if home else None
            url = target.url if target is not None else f"/{code}/"
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
            exists = True
        links.append({"code": code, "name": name, "url": url, "current": code == current, "exists": exists})
    return links


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The localized home page's live children marked "show in menus"."""
    request = context.get("request")
    root = _localized_root(request) if request else None
    if root is None:
        return []
    return list(root.get_children().live().public().in_menu().specific(defer=True).only("title", "url_path"))


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the reader's language."""
    request = context.get("request")
    return _localized_root(request) if request else None


@register.simple_tag
def footer_text():
    """The footer snippet in the active language, falling back to the default locale."""
    from home.models import FooterText

    locale = Locale.get_active()
    return FooterText.objects.filter(locale=locale).first() or FooterText.objects.first()


@register.filter
def document_meta(document):
    """"PDF, 1.2 MB" for a Wagtail document."""
    extension = (document.file_extension or "").upper()
    try:
        size = filesizeformat(document.get_file_size() or 0)
    except OSError:  # file missing on disk: still show the type
        size = ""
    return ", ".join(part for part in (extension, size) if part)
