"""Personal data in discussions and member updates: the hooks of accounts.privacy.

Posts belong to the group's conversation and updates to the organisation: on erasure they
stay, with the author removed (templates show "Former member"); the person's follows are
deleted and their reports kept without their name.
"""

from search.signals import reindex

from .models import OrganisationUpdate, Post, Report, Thread, ThreadSubscription


def export_personal_data(user):
    """The person's threads, posts, follows and reports."""
    return {
        "threads": [
            {"id": thread.pk, "title": thread.title, "created_at": thread.created_at.isoformat()}
            for thread in Thread.objects.filter(author=user).order_by("pk")
        ],
        "posts": [
            {"id": post.pk, "thread": post.thread_id, "body": post.body, "created_at": post.created_at.isoformat(),
             "hidden": post.hidden, "hidden_reason": post.hidden_reason}
            for post in Post.objects.filter(author=user).order_by("pk")
        ],
        "followed_threads": [
            {"thread": sub.thread_id, "mode": sub.mode} for sub in ThreadSubscription.objects.filter(user=user)
        ],
        "reports": [
            {"post": report.post_id, "update": report.update_id, "reason": report.reason,
             "created_at": report.created_at.isoformat()}
            for report in Report.objects.filter(reporter=user)
        ],
        "member_updates": [
            {"id": update.pk, "organisation": update.organisation.title, "kind": update.kind, "text": update.text,
             "language": update.language, "image": update.image.name, "document": update.document.name,
             "created_at": update.created_at.isoformat(), "hidden": update.hidden,
             "hidden_reason": update.hidden_reason}
            for update in OrganisationUpdate.objects.filter(author=user).select_related("organisation").order_by("pk")
        ],
    }


def erase_personal_data(user):
    """Keep the content with an anonymous author; delete follows and the person's reports.

    The threads the person wrote in and their updates are re-indexed from their anonymised state.
    """
    from django.db.models import Q

    threads = list(Thread.objects.filter(Q(author=user) | Q(posts__author=user)).distinct())
    updates = list(OrganisationUpdate.objects.filter(author=user))
    counts = {
        "threads_anonymised": Thread.objects.filter(author=user).update(author=None),
        "posts_anonymised": Post.objects.filter(author=user).update(author=None),
        "posts_hidden_by_anonymised": Post.objects.filter(hidden_by=user).update(hidden_by=None),
        "subscriptions": ThreadSubscription.objects.filter(user=user).delete()[0],
        "reports_anonymised": Report.objects.filter(reporter=user).update(reporter=None),
        "updates_anonymised": OrganisationUpdate.objects.filter(author=user).update(author=None),
        "updates_hidden_by_anonymised": OrganisationUpdate.objects.filter(hidden_by=user).update(hidden_by=None),
    }
    counts["reindexed"] = reindex(threads + updates)
    return counts
