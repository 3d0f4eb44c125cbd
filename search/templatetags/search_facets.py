"""The search page's results and facet checkboxes, rendered in Python.

A results page lists 20 hits and up to a few hundred facet options (seven facets, up to 30 values
each). In the template language each option or hit cost about ten variable look-ups, escapes and
number formats: most of the page's rendering. Here each value is escaped once, as the template
would (`_html`: Django's conditional_escape without its lazy-string wrapper), into the same markup.
"""

import html

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe

register = template.Library()


def _html(value):
    """`value` as HTML: safe strings (snippets with their <mark>s) as they are, anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _count(number):
    """A count as the template would show it: localised (below 1000 no language groups digits)."""
    return str(number) if 0 <= number < 1000 else _html(localize(number))


@register.simple_tag
def facet_options(facet):
    """The checkbox and label of every option of one facet of `search.service.labelled_facets`."""
    param = _html(facet["param"])
    lines = []
    for number, option in enumerate(facet["options"], 1):
        checked = " checked" if option["selected"] else ""
        lines.append(
            f'<div><input type="checkbox" id="f-{param}-{number}" name="{param}" value="{_html(option["value"])}"'
            f'{checked}>\n    <label for="f-{param}-{number}" class="inline-label">{_html(option["label"])} '
            f'<span class="meta">({_count(option["count"])})</span></label></div>')
    return mark_safe("\n  ".join(lines))


@register.simple_tag
def search_hits(hits, reader_language):
    """One <li> per hit: its title linked, its snippet, its kind (icon and label) and its language's name
    (in the reader's language: `lang` says so)."""
    reader = _html(reader_language)
    items = []
    for hit in hits:
        snippet = f"\n          <p>{_html(hit.snippet)}</p>" if hit.snippet else ""
        items.append(
            f'<li lang="{_html(hit.language)}">\n          <h3><a href="{_html(hit.url)}">{_html(hit.title)}</a></h3>'
            f'{snippet}\n          <p class="meta"><svg class="kind-icon" aria-hidden="true" focusable="false">'
            f'<use href="#icon-{_html(hit.kind)}"></use></svg> {_html(hit.kind_label)} · '
            f'<span lang="{reader}">{_html(hit.language_label)}</span></p>\n        </li>')
    return mark_safe("\n        ".join(items))
