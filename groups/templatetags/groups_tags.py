"""Template tags of the working groups' pages."""

from django import template
from django.utils.safestring import mark_safe

from home import frame

register = template.Library()


@register.simple_tag(takes_context=True)
def group_facts(context, page):
    """The group's sectors and lead organisations as <dt>/<dd> pairs, the same for every reader of
    the page: kept with the frame's values (per host, language and page; dropped on every publish,
    which is how leads, sectors and the organisations' names and addresses change), never in previews.
    Who may read the page is Wagtail's check before this is rendered."""
    return frame.kept_html(context.get("request"), ("groups:facts", page.pk), "groups/includes/group_facts.html",
                           lambda: {"page": page, "sectors": list(page.sectors.all()), "leads": page.localized_leads()})


@register.simple_tag(takes_context=True)
def group_pages(context, page):
    """The group's pages (other than meetings) that the reader may read, as a navigation block: kept per
    page and the reader's hidden tree paths below or above it (read from the database with each
    request, so a restriction however written counts at once), under the frame's version (a page
    published, moved or deleted drops it); previews render afresh."""
    from ..meeting_sections import hidden_in

    request = context["request"]
    parts = ("groups:pages", page.pk, hidden_in(request, page))
    return frame.kept_html(request, parts, "groups/includes/group_pages.html",
                           lambda: {"subpages": page.readable_subpages(request)})


@register.simple_tag(takes_context=True)
def meeting_sections(context, page):
    """The group's upcoming meetings, open action items and past meetings that the reader may see
    (groups.meeting_sections: rendered once for all readers who may see the same meetings)."""
    from ..meeting_sections import rendered_sections

    return mark_safe(rendered_sections(context["request"], page))
