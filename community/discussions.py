"""Writing in group discussions and moderating them: every rule lives here, views stay thin.

Each function either does all of its work in one transaction or raises DiscussionError
(its message is for the person) having saved nothing.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import record
from accounts.group_roles import group_collections, members_only_collections
from core.text import clean_text

from .models import MAX_POST_LENGTH, Post, Report, Thread, ThreadSubscription
from .roles import can_moderate, can_post, can_read

Mode = ThreadSubscription.Mode


class DiscussionError(Exception):
    """A post, subscription or moderation step that cannot be done; the message is for the person."""


def group_documents(group_page, visibility=None):
    """Documents a post of the group may attach: the group's own collection, and its members-only one
    unless the thread is read by more than the group's members (`visibility` REGISTERED): listing a
    members-only document there would show its title to every signed-in member.

    Wagtail serves the members-only files to the group's members only, whatever thread links them.
    """
    from wagtail.documents import get_document_model

    # Subqueries: no query until the documents are read.
    collections = group_collections(group_page, members_only=visibility in (None, Thread.Visibility.MEMBERS))
    return get_document_model().objects.filter(collection__in=collections)


def readable_attachments(request, posts):
    """Give each post `shown_attachments`: its attachments whose collection the reader may open by
    Wagtail's own view restrictions (a thread moved or opened up later never lists a members-only
    document to people Wagtail would not serve it to). One query for the restrictions."""
    from wagtail.models import CollectionViewRestriction

    collections = {document.collection_id for post in posts for document in post.attachments.all()}
    restrictions = {}
    for restriction in CollectionViewRestriction.objects.filter(collection_id__in=collections):
        restrictions.setdefault(restriction.collection_id, []).append(restriction)
    allowed = {pk: all(r.accept_request(request) for r in restrictions.get(pk, [])) for pk in collections}
    for post in posts:
        post.shown_attachments = [d for d in post.attachments.all() if allowed[d.collection_id]]
    return posts


def _check_body(body):
    body = clean_text(body)
    if not body:
        raise DiscussionError(_("Write something before posting."))
    if len(body) > MAX_POST_LENGTH:
        raise DiscussionError(_("A post can be at most %(max)s characters long (this one has %(count)s).")
                              % {"max": MAX_POST_LENGTH, "count": len(body)})
    return body


def _check_attachments(group_page, documents, visibility):
    documents = list(documents or [])
    if not documents:
        return documents
    pks = [d.pk for d in documents]
    allowed = set(group_documents(group_page, visibility).filter(pk__in=pks).values_list("pk", flat=True))
    if any(document.pk not in allowed for document in documents):
        if set(group_documents(group_page).filter(pk__in=pks).values_list("pk", flat=True)) == set(pks):
            raise DiscussionError(_("Members-only documents can be attached only to discussions that only "
                                    "the group's members read."))
        raise DiscussionError(_("Attach only documents of this group's collection."))
    return documents


def _follow(thread, user):
    """Writers follow what they write in (per reply), unless they already chose otherwise."""
    ThreadSubscription.objects.get_or_create(thread=thread, user=user, defaults={"mode": Mode.EACH})


def start_thread(user, group_page, title, body, attachments=(), visibility=None):
    """Open a thread in a group with its first post; only members write, only coordinators choose visibility."""
    group = group_page.canonical
    if not can_post(user, group):
        raise DiscussionError(_("Only members of this working group can start discussions in it."))
    title = clean_text(title)
    if not title:
        raise DiscussionError(_("Give the discussion a title."))
    if len(title) > Thread._meta.get_field("title").max_length:
        raise DiscussionError(_("The title is too long."))
    body = _check_body(body)
    if visibility is None or not can_moderate(user, group):
        visibility = Thread.Visibility.MEMBERS
    documents = _check_attachments(group, attachments, visibility)
    with transaction.atomic():
        thread = Thread.objects.create(group=group, title=title, author=user, visibility=visibility, post_count=1)
        post = Post.objects.create(thread=thread, author=user, body=body)
        post.attachments.set(documents)
        _follow(thread, user)
    return thread


def reply(user, thread, body, attachments=()):
    """Add a post to a thread; followers are e-mailed once the post is committed."""
    body = _check_body(body)
    with transaction.atomic():
        # The row lock makes "locked" and the counters exact against a concurrent lock or reply.
        thread = Thread.objects.select_for_update().select_related("group").get(pk=thread.pk)
        if not can_read(user, thread) or not can_post(user, thread.group):
            raise DiscussionError(_("Only members of this working group can reply in its discussions."))
        if thread.locked:
            raise DiscussionError(_("This discussion is locked: it takes no new posts."))
        documents = _check_attachments(thread.group, attachments, thread.visibility)
        post = Post.objects.create(thread=thread, author=user, body=body)
        post.attachments.set(documents)
        Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at, post_count=F("post_count") + 1)
        _follow(thread, user)
        transaction.on_commit(lambda: _queue_notifications(post.pk))
    return post


def _queue_notifications(post_id):
    from django_q.tasks import async_task

    async_task("community.notifications.notify_reply", post_id)


def subscribe(user, thread, mode):
    """Follow a thread (per reply or daily summary) or mute it."""
    if not can_read(user, thread):
        raise DiscussionError(_("You cannot follow this discussion."))
    if mode not in Mode.values:
        raise DiscussionError(_("Choose how to follow the discussion."))
    subscription, created = ThreadSubscription.objects.get_or_create(
        thread=thread, user=user, defaults={"mode": mode}
    )
    if not created and subscription.mode != mode:
        subscription.mode = mode
        # A new daily follower gets what is written from now on, not the whole history.
        if mode == Mode.DAILY:
            subscription.summarised_until = timezone.now()
        subscription.save(update_fields=["mode", "summarised_until"])
    return subscription


def _require_moderator(user, group_page):
    if not can_moderate(user, group_page):
        raise DiscussionError(_("Only the group's coordinators can moderate its discussions."))


def set_flags(user, thread, **flags):
    """Pin/unpin, lock/unlock or change who can read a thread (coordinators)."""
    _require_moderator(user, thread.group)
    allowed = {"pinned", "locked", "visibility"}
    if not flags or set(flags) - allowed:
        raise DiscussionError(_("Unknown moderation action."))
    if "visibility" in flags and flags["visibility"] not in Thread.Visibility.values:
        raise DiscussionError(_("Unknown moderation action."))
    if flags.get("visibility") == Thread.Visibility.REGISTERED and _has_members_only_attachments(thread):
        raise DiscussionError(_("Members-only documents are attached to this discussion: it stays readable by "
                                "the group's members only."))
    for name, value in flags.items():
        setattr(thread, name, value)
    thread.save(update_fields=list(flags))
    return thread


def _has_members_only_attachments(thread):
    return Post.objects.filter(thread=thread, attachments__collection__in=members_only_collections()).exists()


def move(user, thread, target_group):
    """Move a thread to another group; the coordinator must moderate both groups.

    Attachments stay (they are documents already shared); followers who cannot read
    the thread in its new group are no longer e-mailed (notifications check reading rights).
    """
    target = target_group.canonical
    _require_moderator(user, thread.group)
    _require_moderator(user, target)
    if target.pk == thread.group_id:
        raise DiscussionError(_("The discussion is already in this group."))
    if not target.is_active:
        raise DiscussionError(_("Discussions can be moved only to an active group."))
    thread.group = target
    thread.save(update_fields=["group"])
    return thread


def hide(user, post, reason):
    """Hide a post with a reason (kept in the audit log); the thread shows a placeholder."""
    _require_moderator(user, post.thread.group)
    reason = clean_text(reason)
    if not reason:
        raise DiscussionError(_("Give the reason for hiding the post."))
    if len(reason) > Post._meta.get_field("hidden_reason").max_length:
        raise DiscussionError(_("The reason is too long."))
    with transaction.atomic():
        post.hidden, post.hidden_reason, post.hidden_by, post.hidden_at = True, reason, user, timezone.now()
        post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
        Report.objects.filter(post=post, status=Report.Status.OPEN).update(status=Report.Status.RESOLVED)
        record(post, "razem.post_hidden", user=user, reason=reason)
    return post


def unhide(user, post):
    """Show a hidden post again (coordinators)."""
    _require_moderator(user, post.thread.group)
    post.hidden, post.hidden_reason, post.hidden_by, post.hidden_at = False, "", None, None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
    return post


def report(user, post, reason):
    """A reader reports a post to the group's coordinators and the Secretariat (once per person)."""
    if not can_read(user, post.thread):
        raise DiscussionError(_("You cannot report this post."))
    reason = clean_text(reason)
    if not reason:
        raise DiscussionError(_("Say what is wrong with the post."))
    if len(reason) > 2000:
        raise DiscussionError(_("The reason is too long."))
    report_, created = Report.objects.get_or_create(post=post, reporter=user, defaults={"reason": reason})
    if not created:
        raise DiscussionError(_("You have already reported this post."))
    return report_
