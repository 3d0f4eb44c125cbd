"""Rendering of a personal-data export as nested lists (escaped by format_html)."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def render_data(value):
    """Render JSON-like data as nested definition and bullet lists."""
    if isinstance(value, dict):
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((key, render_data(item)) for key, item in value.items())),
        )
    if isinstance(value, list):
        if not value:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((render_data(item),) for item in value)))
    return "—" if value in (None, "") else value


@register.simple_tag(takes_context=True)
def open_registrations(context):
    """The reader's registrations that are not approved yet, for the account menu (one query per request)."""
    from accounts.start import open_registrations as of_user

    user = context.get("user")
    return of_user(user) if user is not None and user.is_authenticated else []


@register.simple_tag(name="legal_links")
def legal_links_tag(*kinds):
    """Links to the legal documents (all required ones without arguments) next to a consent checkbox."""
    from accounts.consent import REQUIRED_PURPOSES, legal_links

    return legal_links(kinds or REQUIRED_PURPOSES)
