"""Public views of member updates: the Forum-wide feed, one update, posting, hiding, reporting, challenges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from directory.browse import localise
from directory.permissions import is_editor, organisations_of
from groups.models import WorkingGroupPage

from . import updates as service
from .challenges import group_challenges, shown_challenges
from .discussions import DiscussionError
from .forms import ReasonForm, UpdateFilterForm, UpdateForm
from .models import OrganisationUpdate
from .views import ACTION_RATE, POST_RATE, _rate_limited

UPDATES_PER_PAGE = 20


def _with_local_organisations(updates):
    """Attach to each update its organisation's page in the reader's language (one query)."""
    pairs = dict(localise([update.organisation for update in updates], translation.get_language()))
    for update in updates:
        update.shown_organisation = pairs.get(update.organisation, update.organisation)
    return updates


def _feed_queryset():
    return (
        OrganisationUpdate.objects.shown().select_related("organisation", "working_group", "need")
        .prefetch_related("sectors", "voivodeships")
    )


@require_GET
def feed(request):
    """Every organisation's visible updates, newest first, filtered by kind, sector and voivodeship."""
    form = UpdateFilterForm(request.GET or None)
    updates = _feed_queryset()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            updates = updates.filter(kind=data["kind"])
        if data["sector"]:
            updates = updates.filter(sectors=data["sector"])
        if data["voivodeship"]:
            updates = updates.filter(voivodeships=data["voivodeship"])
    page = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("page"))
    _with_local_organisations(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "community/update_feed.html", {
        "updates": page, "filter_form": form, "query": query.urlencode(),
        "can_post": request.user.is_authenticated and organisations_of(request.user).exists(),
    })


@require_GET
def update_detail(request, pk):
    """One update (editors also see hidden ones, with the reason)."""
    queryset = OrganisationUpdate.objects.all() if is_editor(request.user) else OrganisationUpdate.objects.shown()
    update = get_object_or_404(queryset.select_related("organisation", "working_group", "need", "author"), pk=pk)
    _with_local_organisations([update])
    return render(request, "community/update_detail.html", {
        "update": update, "is_editor": is_editor(request.user), "reason_form": ReasonForm(),
    })


def _groups_for_challenges():
    return WorkingGroupPage.objects.live().filter(
        status=WorkingGroupPage.Status.ACTIVE, locale__language_code=translation.get_language(),
    ).order_by("title")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def new_update(request):
    """Post an update for one of the person's organisations."""
    organisations = organisations_of(request.user)
    if not organisations.exists():
        messages.error(request, _("Only members of an organisation in the directory can post updates."))
        return redirect("community:updates")
    initial = {"language": getattr(request.user, "language", "") or translation.get_language(),
               "organisation": organisations.first()}
    form = UpdateForm(request.POST or None, request.FILES or None, initial=initial,
                      organisations=organisations, groups=_groups_for_challenges())
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                update = service.post_update(
                    request.user, data["organisation"], data["kind"], data["text"], data["language"],
                    sectors=data["sectors"], voivodeships=data["voivodeships"], image=data["image"],
                    image_alt=data["image_alt"], document=data["document"],
                    working_group=data["working_group"], need=data["need"],
                )
            except DiscussionError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Your update has been published."))
                return redirect(update)
        else:
            status = 400
    return render(request, "community/update_form.html", {"form": form}, status=status)


def _update_action(request, pk, action, success, invalid):
    update = get_object_or_404(OrganisationUpdate.objects.select_related("author", "organisation"), pk=pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise DiscussionError(invalid)
        action(request.user, update, form.cleaned_data["reason"])
    except DiscussionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(update if not update.hidden or is_editor(request.user) else "community:updates")


@login_required
@require_POST
@ratelimit(key="user", rate=ACTION_RATE, method="POST", block=True)
def hide_update(request, pk):
    """Editors hide an update; its author is told why by e-mail."""
    return _update_action(request, pk, service.hide_update, _("The update has been hidden and its author told why."),
                          _("Give the reason for hiding the update (at most 500 characters)."))


@login_required
@require_POST
@ratelimit(key="user", rate=ACTION_RATE, method="POST", block=True)
def report_update(request, pk):
    """Signed-in readers report an update to the editors."""
    return _update_action(request, pk, service.report_update, _("Thank you: the editors will look at the update."),
                          _("Say what is wrong with the update (at most 500 characters)."))


@require_GET
def challenges(request):
    """The challenges organisations report, grouped by sector and voivodeship."""
    updates = _with_local_organisations(list(shown_challenges()))
    return render(request, "community/challenges.html", {"groups": group_challenges(updates), "total": len(updates)})
