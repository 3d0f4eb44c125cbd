"""Public views of the catalogue: the listing (a route of the index page), interests in replicating,
the pre-filled need, the Secretariat's recommendation and its export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.affiliations import is_member
from accounts.roles import is_secretariat

from .catalogue import browse
from .forms import AnswerForm, InterestForm, RecommendationForm
from .interests import (InterestError, answer_interest, can_answer, can_view, need_form, need_initial, post_need,
                        record_interest)
from .models import InnovationPage, ReplicationInterest, ScalingRecommendation
from .submissions import member_organisations


def catalogue(request, index):
    """The catalogue with search, facets and stage on each card (all in the shareable query string)."""
    context = index.get_context(request)
    context.update(browse(request.GET, translation.get_language()))
    context["catalogue_url"] = index.get_url(request=request)
    return TemplateResponse(request, "innovations/innovation_index_page.html", context)


def _live_innovation(pk):
    page = InnovationPage.objects.filter(pk=pk).first()
    if page is None or not page.live:
        raise Http404
    return page


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def express_interest(request, pk):
    """An organisation records that it wants to replicate the innovation `pk` (POST from its page)."""
    innovation = _live_innovation(pk)
    form = InterestForm(request.POST, organisations=member_organisations(request.user))
    if getattr(request, "limited", False):
        messages.error(request, _("Too many requests in a short time. Please try again later."))
    elif not form.is_valid():
        if "organisation" in form.errors:
            messages.error(request, _("You can only act for an organisation you belong to."))
        else:
            messages.error(request, _("Please say why and when you want to replicate it."))
        return render(request, "innovations/interest_form.html", {"form": form, "innovation": innovation}, status=400)
    else:
        try:
            interest = record_interest(request.user, innovation, form.cleaned_data["organisation"],
                                       form.cleaned_data["reason"], form.cleaned_data["timeframe"])
        except InterestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your interest was recorded and the organisation was told. "
                                        "You may now post it as a need in the needs-and-offers directory."))
            return redirect("innovations:interest", pk=interest.pk)
    return redirect(innovation.url)


def _interest_or_404(pk):
    return get_object_or_404(ReplicationInterest.objects.select_related(
        "innovation__organisation", "organisation", "user", "need"), pk=pk)


@login_required
def interest_detail(request, pk):
    """One interest: who, why, when; the author's answer form; the offer to post a pre-filled need."""
    interest = _interest_or_404(pk)
    if not can_view(request.user, interest):
        raise PermissionDenied
    innovation = interest.innovation.localized
    return render(request, "innovations/interest.html", {
        "interest": interest, "innovation": innovation if innovation.live else interest.innovation,
        "answer_form": AnswerForm() if can_answer(request.user, interest) and not interest.answered_at else None,
        "can_post_need": is_member(request.user, interest.organisation) and interest.need_id is None,
    })


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def answer(request, pk):
    """The author organisation answers an interest."""
    interest = _interest_or_404(pk)
    if not can_view(request.user, interest):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if getattr(request, "limited", False):
        messages.error(request, _("Too many requests in a short time. Please try again later."))
    elif not form.is_valid():
        messages.error(request, _("Write your answer first."))
    else:
        try:
            answer_interest(request.user, interest, form.cleaned_data["answer"])
            messages.success(request, _("Your answer was sent."))
        except InterestError as error:
            messages.error(request, str(error))
    return redirect("innovations:interest", pk=interest.pk)


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def need(request, pk):
    """The pre-filled need of an interest: shown for the interested organisation to edit; posted only
    when it submits the form."""
    interest = _interest_or_404(pk)
    if not is_member(request.user, interest.organisation):
        raise PermissionDenied
    if interest.need_id is not None:
        messages.info(request, _("A need was already posted for this interest."))
        return redirect("directory:item", pk=interest.need_id)
    form = need_form(request.POST or None, initial=need_initial(interest, translation.get_language()))
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(None, _("Too many changes in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                item = post_need(request.user, interest, form)
            except InterestError as error:
                messages.error(request, str(error))
                return redirect("innovations:interest", pk=interest.pk)
            messages.success(request, _("Your need was posted in the needs-and-offers directory."))
            return redirect("directory:item", pk=item.pk)
        else:
            status = 400
    return render(request, "innovations/need_form.html", {"form": form, "interest": interest,
                                                           "organisation": interest.organisation}, status=status)


@login_required
@require_POST
def recommend(request, pk):
    """The Secretariat recommends an innovation for scaling, or withdraws the recommendation."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    innovation = _live_innovation(pk)
    original = innovation.original()
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason may have at most 2000 characters of text."))
        return redirect(innovation.url)
    with transaction.atomic():
        existing = ScalingRecommendation.objects.select_for_update().filter(innovation=original).first()
        if form.cleaned_data["withdraw"]:
            if existing is not None:
                existing.delete()
            messages.success(request, _("The recommendation was withdrawn."))
        elif existing is None:
            ScalingRecommendation.objects.create(innovation=original, recommended_by=request.user,
                                                 note=form.cleaned_data["note"])
            messages.success(request, _("Recommended for scaling."))
        else:
            messages.info(request, _("This innovation is already recommended for scaling."))
    return redirect(innovation.url)


@login_required
def export(request, fmt):
    """The innovations recommended for scaling as CSV (with the HXL row) or JSON: the Secretariat's."""
    from django.http import HttpResponse, JsonResponse

    from .exports import recommended_records, to_csv

    if not is_secretariat(request.user):
        raise PermissionDenied
    records = recommended_records(translation.get_language())
    if fmt == "json":
        response = JsonResponse({"innovations": records}, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(to_csv(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="innovations-recommended.{fmt}"'
    return response
