"""Template tags of member updates and discussions: safe member text, author names, a group's latest threads."""

from django import template
from django.utils.translation import gettext as _

from core.text import render_text

register = template.Library()


@register.simple_tag
def member_text(text):
    """A member's plain text as paragraphs with links; everything else escaped."""
    return render_text(text)


@register.simple_tag
def author_name(user):
    """The author's name, or a placeholder for an erased or deleted account."""
    if user is None or not user.is_active and user.email.startswith("erased-"):
        return _("Former member")
    return user.get_full_name() or _("Member of the Forum")


@register.inclusion_tag("community/includes/group_discussions.html", takes_context=True)
def group_discussions(context, group_page, query="", limit=5):
    """A group's latest discussions that the reader may see, with a link to all of them (group pages);
    with `query` (the group page's keyword box), those matching it, best first."""
    from ..finding import matching_threads
    from ..models import Thread

    request = context.get("request")
    user = getattr(request, "user", None)
    threads = []
    if user is not None and user.is_authenticated:
        threads = Thread.objects.visible_to(user).filter(group=group_page.canonical)
        if query:
            threads = matching_threads(threads, query, request, group_page)
        threads = list(threads[:limit])
    return {"group": group_page, "threads": threads, "user": user, "query": query}
