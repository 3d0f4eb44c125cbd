"""The positions' actions (comment, answer, sign, withdraw), version changes, exports and reminders.

Actions are POST-only; a refusal goes back to the page with its reason as a message, a success
with a confirmation. Nothing is half-saved (positions.actions runs each in one transaction).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import parse_id

from . import actions
from .exports import signatories_csv
from .models import Comment, PositionVersion
from .page_context import authoritative_page, signatures_of
from .permissions import is_owner, signing_organisations
from .versions import paragraph_diff


def _position(request, pk):
    """The live position `pk` (any translation) that the reader may read, else 404."""
    position = actions.position_for(pk, request.user)
    if position is None:
        raise Http404
    return position


def _act(request, position, action, success, anchor):
    """Run `action`; back to the page (at `anchor(result)`) with its success or refusal message."""
    try:
        result = action()
    except actions.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect((position.url or "/") + anchor(None))
    messages.success(request, success(result))
    return redirect((position.url or "/") + anchor(result))


@require_POST
@login_required
def comment(request, pk):
    """A member comments on one paragraph (the consultation must be open)."""
    position = _position(request, pk)
    paragraph = request.POST.get("paragraph", "")[:64]
    return _act(request, position, lambda: actions.add_comment(
        request.user, position, paragraph, request.POST.get("text", ""), parse_id(request.POST.get("organisation"))),
        lambda created: _("Thank you: your comment is saved."),
        lambda created: f"#comment-{created.pk}" if created else "#position-text")


@require_POST
@login_required
def answer(request, pk):
    """An owner answers a comment: accepted, partly or not accepted, with a reason."""
    comment = get_object_or_404(Comment.objects.select_related("position"), pk=pk)
    position = comment.position
    if not is_owner(request.user, position):
        raise PermissionDenied
    return _act(request, position, lambda: actions.answer_comment(
        request.user, comment, request.POST.get("decision", ""), request.POST.get("reason", "")),
        lambda answered: _("The answer is saved."), lambda answered: f"#comment-{comment.pk}")


@require_POST
@login_required
def sign(request, pk):
    """A manager signs the position for an organisation they manage."""
    position = _position(request, pk)
    return _act(request, position, lambda: actions.sign(
        request.user, position, parse_id(request.POST.get("organisation"))),
        lambda signature: _("%(organisation)s has signed the position.") % {
            "organisation": signature.organisation.title}, lambda result: "#signatures")


@require_POST
@login_required
def withdraw(request, pk):
    """A manager withdraws their organisation's signature (until signing closes)."""
    position = _position(request, pk)
    return _act(request, position, lambda: actions.withdraw(
        request.user, position, parse_id(request.POST.get("organisation"))),
        lambda organisation: _("The signature of %(organisation)s is withdrawn.") % {
            "organisation": organisation.title}, lambda result: "#signatures")


def changes(request, pk):
    """What changed between two versions of the authoritative text (default: the last two)."""
    position = _position(request, pk)
    versions = {version.number: version for version in PositionVersion.objects.filter(position=position.canonical)}
    if len(versions) < 2:
        raise Http404
    newest = max(versions)
    new_number = parse_id(request.GET.get("to")) or newest
    old_number = parse_id(request.GET.get("from")) or (new_number - 1)
    if old_number not in versions or new_number not in versions or old_number == new_number:
        raise Http404
    old, new = versions[old_number], versions[new_number]
    return render(request, "positions/changes.html", {
        "position": position, "old": old, "new": new, "rows": paragraph_diff(old.paragraphs, new.paragraphs),
        "title_changed": old.title != new.title, "authoritative": authoritative_page(position),
        "numbers": sorted(versions),
    })


def _owned(request, pk):
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    position = _position(request, pk)
    if not is_owner(request.user, position):
        raise PermissionDenied
    return position, None


def signatories_export(request, pk):
    """The signatories as CSV (header, HXL hashtags, one row per organisation), for the owners."""
    position, refusal = _owned(request, pk)
    if refusal:
        return refusal
    response = HttpResponse(signatories_csv(position), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signatories-{position.canonical.pk}.csv"'
    return response


def annex(request, pk):
    """A printable annex listing the signing organisations (to send with the position to a ministry)."""
    position, refusal = _owned(request, pk)
    if refusal:
        return refusal
    signatures = list(signatures_of(position))
    return render(request, "positions/annex.html", {"position": position, "signatures": signatures})


@login_required
def reminders(request):
    """The managers' switch: deadline reminders for each organisation they manage."""
    from .models import ReminderOptOut

    organisations = list(signing_organisations(request.user).only("pk", "title"))
    if request.method == "POST":
        try:
            organisation = actions.set_reminders(request.user, parse_id(request.POST.get("organisation")),
                                                 request.POST.get("wanted") == "1")
        except actions.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Reminders for %(organisation)s are saved.") % {
                "organisation": organisation.title})
        return redirect("positions:reminders")
    opted_out = set(ReminderOptOut.objects.filter(organisation__in=[o.pk for o in organisations])
                    .values_list("organisation_id", flat=True))
    return render(request, "positions/reminders.html", {
        "organisations": [(organisation, organisation.pk not in opted_out) for organisation in organisations]})
