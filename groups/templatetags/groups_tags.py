"""Template tags of the working groups' pages."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from home import frame

register = template.Library()


@register.simple_tag(takes_context=True)
def group_facts(context, page):
    """The group's sectors and lead organisations as <dt>/<dd> pairs, the same for every reader of
    the page: kept with the frame's values (per host, language and page; dropped on every publish,
    which is how leads, sectors and the organisations' names and addresses change), never in previews.
    Who may read the page is Wagtail's check before this is rendered."""
    request = context.get("request")

    def compute():
        return render_to_string("groups/includes/group_facts.html", {
            "page": page, "sectors": list(page.sectors.all()), "leads": page.localized_leads(),
        }, request=request)

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(compute())
    return mark_safe(frame.cached(frame.request_parts(request, "groups:facts", page.pk), compute))


@register.simple_tag(takes_context=True)
def meeting_sections(context, page):
    """The group's upcoming meetings, open action items and past meetings that the reader may see
    (groups.meeting_sections: rendered once for all readers who may see the same meetings)."""
    from ..meeting_sections import rendered_sections

    return mark_safe(rendered_sections(context["request"], page))
