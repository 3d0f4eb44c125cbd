"""Public views of the group discussions; rules live in `community.discussions`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.documents import get_document_model

from accounts.roles import is_secretariat
from core.access import can_view, request_restrictions

from . import discussions, finding
from .forms import MoveForm, PostForm, ReasonForm, SubscriptionForm, ThreadForm
from .group_pages import active_group_pages, group_pages
from .models import Post, Thread, ThreadSubscription
from .roles import can_moderate, can_post, rights

POST_RATE = "10/m"
ACTION_RATE = "30/m"


def signed_in_action(view):
    """A POST-only view for signed-in people, rate-limited per user (follow, moderate, hide, report…)."""
    return login_required(require_POST(ratelimit(key="user", rate=ACTION_RATE, method="POST", block=True)(view)))
THREADS_PER_PAGE = 25
POSTS_PER_PAGE = 50


def _group(pk, user):
    """The live group page `pk` that `user` may read, else 404."""
    group = get_object_or_404(group_pages().live(), pk=pk)
    if not can_view(user, group):
        raise Http404
    return group


def _thread(pk, user, catalogue=None):
    """A thread `user` may read, else 404 (never reveal that a members-only thread exists): its
    visibility, and its group page's view restrictions read now (core.access), as for the group's list."""
    thread = get_object_or_404(Thread.objects.visible_to(user).select_related("group", "author"), pk=pk)
    if not can_view(user, thread.group, catalogue=catalogue):
        raise Http404
    thread.group._canonical = thread.group  # threads always hang off the group's first-created page
    return thread


def _rate_limited(request):
    if getattr(request, "limited", False):
        messages.error(request, _("You are posting too fast. Wait a minute and try again."))
        return True
    return False


def _documents(group):
    return discussions.group_documents(group)


@login_required
def group_threads(request, pk):
    """A group's discussions that the reader may see, pinned first, then by latest post."""
    group = _group(pk, request.user)
    threads = Thread.objects.visible_to(request.user).filter(group=group.canonical).select_related("author")
    query = finding.query_of(request.GET)
    if query:  # the keyword box: by relevance, as in the site search (the same service answers)
        threads = finding.matching_threads(threads, query, request, group)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "community/group_threads.html", {
        "group": group.localized, "threads": page, "can_post": can_post(request.user, group.canonical),
        "query": query,
    })


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def new_thread(request, pk):
    """Start a discussion in a group (its members)."""
    group = _group(pk, request.user).canonical
    if not can_post(request.user, group):
        messages.error(request, _("Only members of this working group can start discussions in it."))
        return redirect("community:group_threads", pk=group.localized.pk)
    chooser = can_moderate(request.user, group)
    form = ThreadForm(request.POST or None, documents=_documents(group), can_choose_visibility=chooser)
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                thread = discussions.start_thread(
                    request.user, group, data["title"], data["body"], data.get("attachments") or (),
                    visibility=data.get("visibility"),
                )
            except discussions.DiscussionError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("The discussion has been started."))
                return redirect(thread)
        else:
            status = 400
    return render(request, "community/thread_form.html", {"group": group.localized, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def thread_detail(request, pk):
    """A thread with its posts; members reply here, coordinators moderate."""
    thread = _thread(pk, request.user, request_restrictions(request))
    group = thread.group
    form = PostForm(request.POST or None, documents=discussions.group_documents(group, thread.visibility))
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            status = 429
        elif form.is_valid():
            try:
                post = discussions.reply(
                    request.user, thread, form.cleaned_data["body"], form.cleaned_data.get("attachments") or ()
                )
            except discussions.DiscussionError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Your reply has been posted."))
                return redirect(post.get_absolute_url())
        else:
            status = 400
    return render(request, "community/thread.html", _thread_context(request, thread, form), status=status)


def _thread_context(request, thread, form):
    user = request.user
    group = thread.group
    poster, moderator = rights(user, group)
    posts = (
        Post.objects.filter(thread=thread).select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=get_document_model().objects.order_by("title")))
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = discussions.readable_attachments(request, list(page.object_list))
    subscription = ThreadSubscription.objects.filter(thread=thread, user=user).first()
    context = {
        "thread": thread, "group": group.localized, "posts": page, "form": form,
        "can_post": poster and not thread.locked, "can_moderate": moderator,
        "subscription": subscription,
        "subscription_form": SubscriptionForm(initial={"mode": subscription.mode if subscription else None}),
        "reason_form": ReasonForm(),
    }
    if moderator:
        context["move_form"] = MoveForm(groups=_movable_groups(user, thread))
    return context


def _movable_groups(user, thread):
    """Active groups (other than the thread's) that `user` may moderate."""
    groups = active_group_pages().exclude(translation_key=thread.group.translation_key)
    if is_secretariat(user):
        # One choice per group: threads hang off each group's first-created page, in its language.
        return groups.filter(locale_id=thread.group.locale_id).order_by("title")
    # The person's memberships (groups.GroupMembership) through their `user` relation: a subquery.
    coordinated = user.group_memberships.coordinators().values("group_id")
    return groups.filter(pk__in=coordinated).order_by("title")


@signed_in_action
def subscribe(request, pk):
    """Follow (per reply or daily summary) or mute a thread."""
    thread = _thread(pk, request.user, request_restrictions(request))
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how to follow the discussion."))
        return redirect(thread)
    discussions.subscribe(request.user, thread, form.cleaned_data["mode"])
    messages.success(request, _("Your choice has been saved."))
    return redirect(thread)


MODERATION_ACTIONS = {
    "pin": {"pinned": True}, "unpin": {"pinned": False},
    "lock": {"locked": True}, "unlock": {"locked": False},
    "members": {"visibility": Thread.Visibility.MEMBERS},
    "registered": {"visibility": Thread.Visibility.REGISTERED},
}


@signed_in_action
def moderate(request, pk):
    """Coordinators pin, lock, change the readers of, or move a thread."""
    thread = _thread(pk, request.user, request_restrictions(request))
    action = request.POST.get("action")
    try:
        if action == "move":
            form = MoveForm(request.POST, groups=_movable_groups(request.user, thread))
            if not form.is_valid():
                raise discussions.DiscussionError(_("Choose a group you coordinate."))
            discussions.move(request.user, thread, form.cleaned_data["target"])
        elif action in MODERATION_ACTIONS:
            discussions.set_flags(request.user, thread, **MODERATION_ACTIONS[action])
        else:
            raise discussions.DiscussionError(_("Unknown moderation action."))
    except discussions.DiscussionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The discussion has been updated."))
    return redirect(thread)


def _post(pk, user, catalogue=None):
    """A post of a thread `user` may read (its group page's view restrictions included), else 404."""
    post = get_object_or_404(Post.objects.visible_to(user).select_related("thread__group"), pk=pk)
    if not can_view(user, post.thread.group, catalogue=catalogue):
        raise Http404
    return post


def act_with_reason(request, target, action, success, invalid=None):
    """Run `action(user, target, *reason)` and report the outcome as a message (posts and member updates).

    With `invalid` set, the request must carry a valid reason (else that message is shown).
    """
    try:
        arguments = ()
        if invalid is not None:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise discussions.DiscussionError(invalid)
            arguments = (form.cleaned_data["reason"],)
        action(request.user, target, *arguments)
    except discussions.DiscussionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)


def _act_on_post(request, pk, action, success, invalid=None):
    """`act_with_reason` on a post the reader may see, then back to the post."""
    post = _post(pk, request.user, request_restrictions(request))
    act_with_reason(request, post, action, success, invalid)
    return redirect(post.get_absolute_url())


@signed_in_action
def hide_post(request, pk):
    """Coordinators hide a post with a reason (audited)."""
    return _act_on_post(request, pk, discussions.hide, _("The post has been hidden."),
                        invalid=_("Give the reason for hiding the post (at most 500 characters)."))


@signed_in_action
def unhide_post(request, pk):
    """Coordinators show a hidden post again."""
    return _act_on_post(request, pk, discussions.unhide, _("The post is shown again."))


@signed_in_action
def report_post(request, pk):
    """Readers report a post to the coordinators and the Secretariat."""
    return _act_on_post(request, pk, discussions.report, _("Thank you: the coordinators will look at the post."),
                        invalid=_("Say what is wrong with the post (at most 500 characters)."))
