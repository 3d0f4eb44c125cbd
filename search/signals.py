"""Content changes queue index updates: publish, unpublish, delete, move, translate, restrict.

Translations are pages of their own: publishing one is a publish. Moves and view
restrictions change the URL or audience of a whole subtree, so every page below is updated.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .registry import adapter_for, adapters
from .tasks import enqueue


def queue_object(obj):
    """Queue an update of `obj` if a registered adapter indexes it."""
    adapter = adapter_for(obj)
    if adapter is not None:
        for object_id in adapter.object_ids(obj):
            enqueue(adapter.kind, object_id)


def reindex(objects):
    """Queue index updates of `objects` (the production path: on commit → task → database copy →
    Elasticsearch); returns how many were given.

    For rows changed with `.update()`, which sends no signal: e.g. the content that the privacy
    erasure hooks anonymise (posts, updates, profiles) is re-indexed from its anonymised state.
    """
    count = 0
    for obj in objects:
        queue_object(obj)
        count += 1
    return count


def queue_subtree(page):
    for descendant in page.get_descendants(inclusive=True).specific(defer=True):
        queue_object(descendant)


def on_page_published(sender, instance, **kwargs):
    queue_object(instance)


def on_page_unpublished(sender, instance, **kwargs):
    queue_object(instance)


def on_page_moved(sender, instance, **kwargs):
    queue_subtree(instance)


def on_deleted(sender, instance, **kwargs):
    queue_object(instance)


def on_saved(sender, instance, **kwargs):
    queue_object(instance)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        queue_subtree(page)


def connect():
    """Connect the handlers (SearchConfig.ready, after the adapters are registered)."""
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    for adapter in adapters().values():
        model = adapter.get_model()
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search_deleted_{adapter.kind}")
        if not issubclass(model, Page):  # pages change through publish/unpublish, not every draft save
            post_save.connect(on_saved, sender=model, dispatch_uid=f"search_saved_{adapter.kind}")
        adapter.connect()
        for sender in getattr(adapter, "extra_senders", ()):
            post_save.connect(adapter.on_related_saved, sender=sender, weak=False,
                              dispatch_uid=f"search_related_{adapter.kind}_{sender}")
