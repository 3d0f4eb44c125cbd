"""The search page's facet checkboxes, rendered in Python.

A results page lists up to a few hundred facet options (seven facets, up to 30 values each). In
the template language each option cost about ten variable look-ups, escapes and number formats:
the largest part of the page's rendering. Here each value is escaped once, as the template did.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_options(facet):
    """The checkbox and label of every option of one facet of `search.service.labelled_facets`."""
    param = escape(facet["param"])
    lines = []
    for number, option in enumerate(facet["options"], 1):
        checked = " checked" if option["selected"] else ""
        lines.append(
            f'<div><input type="checkbox" id="f-{param}-{number}" name="{param}" value="{escape(option["value"])}"'
            f'{checked}>\n    <label for="f-{param}-{number}" class="inline-label">{escape(option["label"])} '
            f'<span class="meta">({escape(localize(option["count"]))})</span></label></div>')
    return mark_safe("\n  ".join(lines))
