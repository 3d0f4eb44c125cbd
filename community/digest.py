"""New group discussions for digests (the content-source protocol of digests.sources).

A members-only thread's audience is its group (`Audience.working_groups`), so digests mail
it only to the group's members; threads open to all registered members need a login.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from digests.sources import Audience, DigestItem, ItemText

from .models import Post, Thread


def _url(thread, language):
    with translation.override(language):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("community:thread", args=[thread.pk])


def digest_items(start, end):
    """Threads started in [start, end) whose first post is not hidden; two queries."""
    threads = list(Thread.objects.filter(created_at__gte=start, created_at__lt=end).order_by("created_at", "pk"))
    first_posts = {}
    for post in Post.objects.filter(thread__in=threads).order_by("thread_id", "created_at", "pk"):
        first_posts.setdefault(post.thread_id, post)
    items = []
    for thread in threads:
        first = first_posts.get(thread.pk)
        if first is None or first.hidden:
            continue
        members_only = thread.visibility == Thread.Visibility.MEMBERS
        audience = Audience(login=True, working_groups=frozenset({thread.group_id}) if members_only else frozenset())
        summary = first.body[:300]
        texts = {code: ItemText(title=thread.title, url=_url(thread, code), summary=summary)
                 for code, _name in settings.LANGUAGES}
        items.append(DigestItem(
            key=f"community.thread:{thread.pk}", kind="discussion", published_at=thread.created_at,
            texts=texts, audience=audience, working_groups=frozenset({thread.group_id}),
        ))
    return items

