"""Public views of member updates: the Forum-wide feed, one update, posting, hiding, reporting, challenges."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page

from accounts.affiliations import organisations_of
from accounts.roles import is_secretariat
from core.access import reader_hidden_paths
from core.discovery import app_module
from home import frame, versions

from . import updates as service
from .updates import shown_updates, with_local_organisations
from .challenges import group_challenges, shown_challenges
from .discussions import DiscussionError
from .forms import ReasonForm, UpdateFilterForm, UpdateForm
from .group_pages import active_group_pages
from .models import OrganisationUpdate
from .views import POST_RATE, _rate_limited, act_with_reason, signed_in_action

UPDATES_PER_PAGE = 20
LIST_TEMPLATE = "community/includes/update_feed_list.html"


@require_GET
def feed(request):
    """Every organisation's visible updates, newest first, filtered by kind, sector, voivodeship, organisation."""
    form = UpdateFilterForm(request.GET)
    valid = form.is_valid()
    hidden = reader_hidden_paths(request)
    if valid:
        listing = _kept_listing(request, form, hidden)
    else:
        listing = render_to_string(LIST_TEMPLATE, _listing(request, form, hidden), request=request)
    return render(request, "community/update_feed.html", {
        "listing": listing, "filter_form": form,
        "can_post": request.user.is_authenticated and organisations_of(request.user).filter(live=True).exists(),
    }, status=200 if valid else 400)


def _listing(request, form, hidden):
    """The template context of the feed's count, updates and pages for the filters of `form` (none when
    they are not valid)."""
    updates = shown_updates(hidden)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            updates = updates.filter(kind=data["kind"])
        if data["sector"]:
            updates = updates.filter(sectors=data["sector"])
        if data["voivodeship"]:
            updates = updates.filter(voivodeships=data["voivodeship"])
        if data["organisation"]:  # any translation of the organisation's page
            updates = updates.filter(organisation__translation_key__in=Page.objects.filter(
                pk=data["organisation"]).values("translation_key"))
    else:
        updates = updates.none()
    page = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = with_local_organisations(page.object_list)
    return {"updates": page}


def _kept_listing(request, form, hidden):
    """The feed's list as HTML, kept (home.frame.kept_html) for every reader from whom the same tree paths
    are hidden (read from the database with the request), per parameters: under the updates' version and
    the needs' (their titles show), which every write bumps, and the frame's (organisation pages)."""
    need_model = OrganisationUpdate._meta.get_field("need").related_model  # the directory's, not imported
    parts = ("community:feed", hidden, frame.query_parts(request),
             versions.request_current(OrganisationUpdate.READ_MODEL_VERSION),
             versions.request_current(need_model.READ_MODEL_VERSION))
    return frame.kept_html(request, parts, LIST_TEMPLATE, lambda: _listing(request, form, hidden))


@require_GET
def update_detail(request, pk):
    """One update (editors also see hidden ones, with the reason)."""
    editor = is_secretariat(request.user)
    queryset = OrganisationUpdate.objects.all() if editor else shown_updates(reader_hidden_paths(request))
    update = get_object_or_404(queryset.select_related("organisation", "working_group", "need", "author"), pk=pk)
    with_local_organisations([update])
    return render(request, "community/update_detail.html", {
        "update": update, "is_editor": editor, "reason_form": ReasonForm(),
    })


def _groups_for_challenges():
    return active_group_pages().filter(locale__language_code=translation.get_language()).order_by("title")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def new_update(request):
    """Post an update for one of the person's registered organisations."""
    organisations = organisations_of(request.user).filter(live=True)
    if not organisations.exists():
        messages.error(request, _("Only members of a registered organisation in the directory can post updates."))
        return redirect("community:updates")
    initial = {"language": getattr(request.user, "language", "") or translation.get_language()}
    needs = app_module("needs").needs_of(organisations)  # the directory's (directory/needs.py)
    form = UpdateForm(request.POST or None, request.FILES or None, initial=initial,
                      organisations=organisations, groups=_groups_for_challenges(), needs=needs)
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


def _update_action(request, pk, action, success, invalid=None):
    """`act_with_reason` on an update (hidden ones: editors only), then back to it."""
    update = get_object_or_404(OrganisationUpdate.objects.select_related("author", "organisation"), pk=pk)
    if update.hidden and not is_secretariat(request.user):
        return redirect("community:updates")
    act_with_reason(request, update, action, success, invalid)
    return redirect(update)


@signed_in_action
def hide_update(request, pk):
    """Editors hide an update; its author is told why by e-mail."""
    return _update_action(request, pk, service.hide_update, _("The update has been hidden and its author told why."),
                          _("Give the reason for hiding the update (at most 500 characters)."))


@signed_in_action
def unhide_update(request, pk):
    """Editors show a hidden update again."""
    return _update_action(request, pk, service.unhide_update, _("The update is shown again."))


@signed_in_action
def report_update(request, pk):
    """Signed-in readers report an update to the editors."""
    return _update_action(request, pk, service.report_update, _("Thank you: the editors will look at the update."),
                          _("Say what is wrong with the update (at most 500 characters)."))


@require_GET
def challenges(request):
    """The challenges organisations report, grouped by sector and voivodeship."""
    updates = with_local_organisations(shown_challenges(reader_hidden_paths(request)))
    return render(request, "community/challenges.html", {"groups": group_challenges(updates), "total": len(updates)})
