"""New group discussions and member updates for digests (the content-source protocol of digests.sources).

Discussions are group news ("group-news": only the group's members get them); a
members-only thread's audience is also its group (`Audience.working_groups`), and threads
open to all registered members need a login. Member updates are public
("member-updates"), matched on their sectors and voivodeships.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from digests.sources import Audience, DigestItem, ItemText
from digests.visibility import page_audiences

from .models import OrganisationUpdate, Post, Thread


def _url(thread, language):
    with translation.override(language):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("community:thread", args=[thread.pk])


def digest_items(start, end):
    """New threads and member updates of [start, end); four queries."""
    return thread_items(start, end) + update_items(start, end)


def thread_items(start, end):
    """Threads started in [start, end) whose first post is not hidden, mailed within their group page's view
    restrictions; three queries."""
    threads = list(Thread.objects.filter(created_at__gte=start, created_at__lt=end).select_related("group")
                   .order_by("created_at", "pk"))
    # The group page's view restrictions (read now: core.access) narrow who may get its threads.
    groups = page_audiences({thread.group for thread in threads})
    first_posts = {}
    for post in Post.objects.filter(thread__in=threads).order_by("thread_id", "created_at", "pk"):
        first_posts.setdefault(post.thread_id, post)
    items = []
    for thread in threads:
        first = first_posts.get(thread.pk)
        if first is None or first.hidden:
            continue
        members_only = thread.visibility == Thread.Visibility.MEMBERS
        audience = Audience(login=True, working_groups=frozenset({thread.group_id}) if members_only else frozenset()
                            ).restricted_by(groups[thread.group_id])
        summary = first.body[:300]
        texts = {code: ItemText(title=thread.title, url=_url(thread, code), summary=summary)
                 for code, _name in settings.LANGUAGES}
        items.append(DigestItem(
            key=f"community.thread:{thread.pk}", kind="group-news", published_at=thread.created_at,
            texts=texts, audience=audience, working_groups=frozenset({thread.group_id}),
        ))
    return items



def update_items(start, end):
    """Visible updates of published organisations posted in [start, end), mailed to those who may see the
    organisation (its page's view restrictions, read now: core.access); three queries."""
    updates = list(
        OrganisationUpdate.objects.shown().filter(organisation__live=True, created_at__gte=start, created_at__lt=end)
        .select_related("organisation").prefetch_related("sectors", "voivodeships").order_by("created_at", "pk")
    )
    audiences = page_audiences({update.organisation for update in updates})
    items = []
    for update in updates:
        texts = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                title = f"{update.organisation.title}: {update.get_kind_display()}"
                url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + update.get_absolute_url()
            texts[code] = ItemText(title=title, url=url, summary=update.text[:300])
        items.append(DigestItem(
            key=f"community.update:{update.pk}", kind="member-updates", published_at=update.created_at,
            texts=texts, original_language=update.language,
            sectors=frozenset(term.code for term in update.sectors.all()),
            voivodeships=frozenset(term.code for term in update.voivodeships.all()),
            search_text=update.text, audience=audiences[update.organisation_id],
        ))
    return items
