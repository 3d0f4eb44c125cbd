"""Template helpers of the positions' pages."""

from django import template

from core.text import render_text

register = template.Library()


@register.simple_tag
def comments_for(comments_by_paragraph, paragraph_id):
    """The comments on one paragraph (a dict lookup by a variable key)."""
    return (comments_by_paragraph or {}).get(paragraph_id, [])


@register.simple_tag
def member_text(text):
    """A member's text as safe paragraphs (links made clickable, never raw HTML)."""
    return render_text(text)


@register.filter
def last_number(versions):
    """The number of the newest version in a list of {"number": …}."""
    return versions[-1]["number"] if versions else None
