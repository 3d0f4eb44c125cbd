"""E-mails to a thread's followers: one per reply, or one daily summary, in each person's language.

Replying by answering the e-mail needs an inbound mail path, which this site does not have
(no inbound SMTP route or ESP webhook is configured): every e-mail links to the thread instead.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.mail import send_to_user

from .models import Post, ThreadSubscription
from .roles import can_read

logger = logging.getLogger(__name__)
Mode = ThreadSubscription.Mode


def thread_url(thread, user):
    """The thread's full address in the recipient's language."""
    with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
        path = reverse("community:thread", args=[thread.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_reply(post_id):
    """E-mail a new reply to the thread's per-reply followers who may still read it; returns how many."""
    post = Post.objects.select_related("thread__group", "author").filter(pk=post_id, hidden=False).first()
    if post is None:
        return 0
    subscriptions = (
        ThreadSubscription.objects.filter(thread=post.thread, mode=Mode.EACH, user__is_active=True)
        .exclude(user=post.author).select_related("user")
    )
    sent = 0
    for subscription in subscriptions:
        user = subscription.user
        if not user.email or not can_read(user, post.thread):
            continue
        sent += send_to_user(user, "community/emails/reply", {
            "post": post, "thread": post.thread, "thread_url": thread_url(post.thread, user),
        })
    return sent


def send_daily_summaries(now=None):
    """Send each daily follower one e-mail with the new posts of all their threads; returns e-mails sent.

    Each person is handled in its own transaction holding their subscriptions' row locks
    (SKIP LOCKED): a concurrent run skips them, and the watermark moves only with a sent
    e-mail, so a crash mid-run re-sends nothing already sent and loses nothing.
    """
    now = now or timezone.now()
    user_ids = (
        ThreadSubscription.objects.filter(mode=Mode.DAILY, user__is_active=True)
        .values_list("user_id", flat=True).distinct().order_by("user_id")
    )
    sent = 0
    for user_id in list(user_ids):
        try:
            sent += _summarise_for(user_id, now)
        except Exception:  # one person's failure must not stop everyone else's summary
            logger.exception("daily discussion summary failed for user %s", user_id)
    return sent


def _summarise_for(user_id, now):
    with transaction.atomic():
        subscriptions = list(
            ThreadSubscription.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(user_id=user_id, mode=Mode.DAILY).select_related("thread__group", "user")
        )
        if not subscriptions:
            return 0
        user = subscriptions[0].user
        sections = []
        for subscription in subscriptions:
            thread = subscription.thread
            if not can_read(user, thread):
                continue
            posts = list(
                Post.objects.shown().filter(thread=thread, created_at__gt=subscription.summarised_until,
                                            created_at__lte=now)
                .exclude(author_id=user_id).select_related("author")
            )
            if posts:
                sections.append({"thread": thread, "posts": posts, "url": thread_url(thread, user)})
        count = 0
        if sections and user.email:
            count = send_to_user(user, "community/emails/daily_summary", {"sections": sections})
        ThreadSubscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(summarised_until=now)
    return count
