"""Group discussions and member updates (the community app).

A thread open to all registered members needs a login (and whatever restricts its
group's page); a members-only thread is found only by the group's members and
coordinators, through the tokens of the group's permission groups (the groups app's
GroupSpace, read through accounts.group_roles.role_group_ids), which Wagtail's group view
restrictions already give every member. Member updates are
public while shown; a hidden update, or one of an unpublished organisation, is removed.
Labels come from the community app's own (translated) model names.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.group_roles import role_group_ids
from search.audience import LOGIN, PUBLIC, group_token, page_audience
from search.registry import Adapter, Entry, register
from search.tasks import enqueue

from .models import OrganisationUpdate, Post, Thread

MAX_BODY = 20_000


def language_urls(name, pk):
    """{language: URL} of a view under each language prefix."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(name, args=[pk])
    return urls


class ThreadAdapter(Adapter):
    kind = "discussion"
    model = "community.Thread"

    @property
    def label(self):
        return Thread._meta.verbose_name

    @property
    def extra_senders(self):
        return (Post,)

    def on_related_saved(self, sender, instance, **kwargs):
        """A new, edited or hidden post changes its thread's text."""
        enqueue(self.kind, instance.thread_id)

    def queryset(self):
        return self.get_model().objects.select_related("group")

    def entries(self, threads):
        """Entries of a chunk of threads: their posts and their groups' permission groups in two queries."""
        if not threads:
            return []
        bodies = {}
        for thread_id, body in (Post.objects.filter(thread__in=threads, hidden=False)
                                .order_by("created_at", "pk").values_list("thread_id", "body")):
            bodies.setdefault(thread_id, []).append(body)
        role_groups = role_group_ids([thread.group for thread in threads])
        entries = []
        for thread in threads:
            entry = self._entry(thread, bodies.get(thread.pk, []), role_groups.get(thread.group.translation_key))
            if entry is not None:
                entries.append(entry)
        return entries

    def entry(self, thread):
        entries = self.entries([thread]) if thread is not None else []
        return entries[0] if entries else None

    def _audience(self, thread, role_groups):
        if not thread.group.live:
            return None
        if thread.visibility == thread.Visibility.MEMBERS:
            if role_groups is None:
                return None
            return {group_token(group_id) for group_id in role_groups}
        group_audience = page_audience(thread.group)
        if group_audience is None:
            return None
        return {LOGIN} if group_audience == {PUBLIC} else group_audience

    def _entry(self, thread, bodies, role_groups):
        audience = self._audience(thread, role_groups)
        if audience is None or not bodies:
            return None
        urls = language_urls("community:thread", thread.pk)
        url = urls[settings.LANGUAGE_CODE]
        body = "\n\n".join(bodies)[:MAX_BODY]
        summary = bodies[0][:300]
        # Members write in any language: the same text is searchable in each.
        texts = {code: {"title": thread.title, "summary": summary, "body": body} for code, _name in settings.LANGUAGES}
        return Entry(kind=self.kind, object_id=thread.pk, title=thread.title, url=url, summary=summary,
                     texts=texts, urls=urls, date=thread.created_at.date(), facets={}, audience=audience,
                     paths=(thread.group.path,))


class UpdateAdapter(Adapter):
    kind = "member-update"
    model = "community.OrganisationUpdate"
    facet_lookups = {"sector": ("sectors__code",), "voivodeship": ("voivodeships__code",)}

    @property
    def label(self):
        return OrganisationUpdate._meta.verbose_name

    def queryset(self):
        return self.get_model().objects.shown().filter(organisation__live=True).select_related("organisation")

    def entries(self, updates):
        codes = self.chunk_facets(updates)
        return [self._entry(update, codes[update.pk]) for update in updates]

    def entry(self, update):
        return self.entries([update])[0] if update is not None else None

    def _entry(self, update, codes):
        # The title is the organisation's name: the hit shows the type's label beside it, in the
        # reader's language (a label inside the title would stay in the update's language).
        title = update.organisation.title
        with translation.override(update.language):
            kind = str(update.get_kind_display())
        urls = language_urls("community:update", update.pk)
        return Entry(
            kind=self.kind, object_id=update.pk, title=title, url=urls[settings.LANGUAGE_CODE],
            summary=update.text[:300], urls=urls,
            texts={update.language: {"title": title, "summary": update.text[:300], "body": f"{kind} {update.text}"}},
            date=update.created_at.date(), facets=codes, audience={PUBLIC}, paths=(update.organisation.path,),
        )


register(ThreadAdapter())
register(UpdateAdapter())
