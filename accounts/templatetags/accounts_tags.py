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
