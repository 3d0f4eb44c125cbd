"""Group discussions: threads of a working group, their posts, followers and reports."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.roles import SECRETARIAT_KEY, secretariat_group_ids

MAX_POST_LENGTH = 20_000
MAX_TITLE_LENGTH = 200


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Threads `user` may read: members-only threads only for the group's members.

        Anonymous visitors see none; the Secretariat sees all. Every listing, feed, API
        and search/digest adapter must go through this (or `Thread.audience`).
        """
        from django.contrib.auth.models import Group

        if not user.is_authenticated:
            return self.none()
        groups = getattr(user, "_frame_groups", None)  # home.frame.user_groups, when this request read them
        if user.is_superuser or (groups is not None and SECRETARIAT_KEY in groups.keys):
            return self
        # The person's active memberships (groups.GroupMembership, through its `user` relation): a subquery.
        condition = Q(visibility=Thread.Visibility.REGISTERED) | Q(
            group_id__in=user.group_memberships.active().values("group_id")
        )
        if groups is None:
            # The Secretariat sees all: asked inside the same query rather than in one more.
            condition |= Q(models.Exists(Group.objects.filter(pk__in=secretariat_group_ids(), user=user)))
        return self.filter(condition)


class Thread(models.Model):
    """A discussion of a working group: a title, a first post and replies."""

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members of the group only")
        REGISTERED = "registered", _("All registered members of the Forum")

    group = models.ForeignKey(
        "groups.WorkingGroupPage", verbose_name=_("working group"), on_delete=models.CASCADE,
        related_name="threads", help_text=_("The group's first-created page (whatever the language)."),
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        _("who can read"), max_length=16, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False, help_text=_("A locked thread takes no new posts."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"), auto_now_add=True, db_index=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        ordering = ["-pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["group", "-pinned", "-last_post_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("community:thread", args=[self.pk])

    @property
    def is_members_only(self):
        return self.visibility == self.Visibility.MEMBERS


class PostQuerySet(models.QuerySet):
    def shown(self):
        """Posts not hidden by moderators."""
        return self.filter(hidden=False)

    def visible_to(self, user):
        """Posts of threads `user` may read (hidden ones included: templates show a placeholder)."""
        return self.filter(thread__in=Thread.objects.visible_to(user))


class Hideable(models.Model):
    """What moderators record when they hide something members wrote (posts, member updates)."""

    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("hidden by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        abstract = True


class Post(Hideable):
    """One message of a thread: plain text (paragraphs and links), optional documents of the group."""

    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("text"), validators=[MaxLengthValidator(MAX_POST_LENGTH)])
    attachments = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("attachments"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class ThreadSubscription(models.Model):
    """A person's choice about a thread: an e-mail per reply, a daily summary, or nothing (muted)."""

    class Mode(models.TextChoices):
        EACH = "each", _("An e-mail for each reply")
        DAILY = "daily", _("A daily summary")
        MUTED = "muted", _("No e-mails (muted)")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_subscriptions")
    mode = models.CharField(_("e-mails"), max_length=8, choices=Mode.choices, default=Mode.EACH)
    # Daily summaries cover posts after this moment; moved forward once a summary is sent.
    summarised_until = models.DateTimeField(_("summarised until"), auto_now_add=True)

    class Meta:
        verbose_name = _("thread subscription")
        verbose_name_plural = _("thread subscriptions")
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="community_one_subscription")]

    def __str__(self):
        return f"{self.user} · {self.thread} · {self.mode}"


class Report(models.Model):
    """A reader's report of a post or an update that may break the Forum's rules."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    post = models.ForeignKey(
        Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    update = models.ForeignKey(
        "community.OrganisationUpdate", verbose_name=_("update"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, update__isnull=True) | Q(post__isnull=True, update__isnull=False),
                name="community_report_one_target",
            ),
            models.UniqueConstraint(fields=["post", "reporter"], name="community_one_report_per_post"),
            models.UniqueConstraint(fields=["update", "reporter"], name="community_one_report_per_update"),
        ]

    def __str__(self):
        return str(self.target)

    @property
    def target(self):
        """The reported post or update."""
        return self.post or self.update
