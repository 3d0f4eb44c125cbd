"""Template tags of the site frame: language switcher, menu, footer, file meta."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.template.defaultfilters import filesizeformat
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance
from wagtail.models import Page, Site

from core.access import public_pages, request_restrictions, without_hidden

from .. import frame
from ..userbar import is_preview as _is_preview
from ..userbar import render_userbar, shows_userbar

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def _root_translations(request):
    """{language code: page} of the site's root page in every language (one query per request)."""
    def compute():
        site = _site(request)
        if site is None:
            return {}
        return {home.locale.language_code: home
                for home in site.root_page.get_translations(inclusive=True).select_related("locale")}

    return frame.memo(request, "root_translations", compute)


def _localized_root(request):
    """The site's root page in the active language (its live translation, else the root itself)."""
    site = _site(request)
    if site is None:
        return None
    home = _root_translations(request).get(translation.get_language())
    return home if home is not None and home.live else site.root_page


def _cache_parts(request, *parts):
    """Cache-key parts shared by the frame's values (home.frame.request_parts)."""
    return ("frame", *frame.request_parts(request, *parts))


def page_language_links(request, page):
    """[{code, name, url, exists}] of `page` in every site language (its live translation where
    one exists, else the home page in that language).

    Memoised per request and cached per translation group and language (see home.frame), so
    the frame's switcher and a page listing its own translations share one lookup; never
    cached in previews.
    """
    def compute():
        translations = {tr.locale.language_code: tr for tr in
                        page.get_translations(inclusive=True).live().select_related("locale")}
        homes = _root_translations(request) if len(translations) < len(settings.LANGUAGES) else {}
        links = []
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            links.append({"code": code, "name": name, "exists": code in translations,
                          "url": target.get_url(request=request) if target is not None else f"/{code}/"})
        return links

    if _is_preview(request):
        return compute()
    return frame.memo(request, f"languages:{page.pk}", lambda: frame.cached(
        _cache_parts(request, "languages", page.translation_key), compute))


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in every site language.

    A Wagtail page links to its live translation where one exists, else to the
    home page in that language; other views keep their path under the new prefix.
    """
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    current = translation.get_language()
    if page is None:
        path, _mark, query = (request.get_full_path() if request else "/").partition("?")
        query = f"?{query}" if query else ""
        return [{"code": code, "name": name, "url": _translated_path(path, code) + query, "current": code == current,
                 "exists": True} for code, name in settings.LANGUAGES]
    return [{**link, "current": link["code"] == current} for link in page_language_links(request, page)]


@lru_cache(maxsize=1024)
def _translated_path(path, code):
    """`path` under the language `code`'s prefix (Django's translate_url; the query string is kept as it is,
    so it is left out here): resolving and reversing URL patterns gives the same answer for the process's
    whole life, so views that are not Wagtail pages (search, account pages) do it once per path."""
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The localized home page's live, public children marked "show in menus" as
    {title, url, url_path} dicts; the same for every visitor, so cached per site and language."""
    request = context.get("request")
    if request is None:
        return []

    def compute():
        root = _localized_root(request)
        if root is None:
            return []
        items = (public_pages(root.get_children().live().in_menu(), request_restrictions(request))
                 .only("title", "url_path", "path", "depth", "locale_id"))
        return [{"title": item.title, "url": item.get_url(request=request), "url_path": item.url_path,
                 "path": item.path} for item in items]

    # The cached list is checked against the restrictions read with this request: a restriction
    # written without signals (bulk_create) takes a page out of the menu at once.
    return without_hidden(frame.cached(_cache_parts(request, "menu"), compute), request_restrictions(request))


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the reader's language."""
    request = context.get("request")
    return _localized_root(request) if request else None


@register.simple_tag(takes_context=True)
def home_url(context):
    """The URL of the home page in the reader's language ("/" without a site)."""
    request = context.get("request")
    if request is None:
        return "/"

    def compute():
        root = _localized_root(request)
        return root.get_url(request=request) if root is not None else "/"

    return frame.cached(_cache_parts(request, "home_url"), compute) or "/"


@register.simple_tag
def footer_text():
    """The footer snippet in the active language, falling back to the default locale."""
    from home.models import FooterText

    # One query: the active language's text first, else the first one (by language code: no
    # Locale lookup of its own).
    mine = Case(When(locale__language_code=translation.get_language(), then=Value(0)), default=Value(1),
                output_field=IntegerField())
    return FooterText.objects.order_by(mine, "pk").first()


@register.simple_tag(takes_context=True)
def footer_html(context):
    """The footer text rendered as HTML in the active language, kept with the frame's values (per host
    and language, dropped on every publish and footer save: home.frame), never in previews."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    request = context.get("request")

    def compute():
        footer = footer_text()
        return str(richtext(footer.body)) if footer is not None else ""

    if request is None or _is_preview(request):
        return mark_safe(compute())
    return mark_safe(frame.cached(_cache_parts(request, "footer"), compute))


@register.simple_tag(takes_context=True)
def userbar(context):
    """Wagtail's userbar for the people who may edit the page being read: in previews the bar itself,
    elsewhere a slot that static/js/site.js fills after the page has shown (home.userbar)."""
    request = context.get("request")
    page = get_page_instance(context)
    if not shows_userbar(request, page):
        return ""
    if _is_preview(request):
        return render_userbar(request, page)
    url = reverse("page_userbar", args=[page.pk]) if page is not None and page.pk else reverse("userbar")
    return format_html('<div data-userbar-src="{}" hidden></div>', url)


@register.filter
def document_meta(document):
    """"PDF, 1.2 MB" for a Wagtail document."""
    extension = (document.file_extension or "").upper()
    try:
        size = filesizeformat(document.get_file_size() or 0)
    except OSError:  # file missing on disk: still show the type
        size = ""
    return ", ".join(part for part in (extension, size) if part)
