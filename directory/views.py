"""Public views of the directory: registration, "My organisation", invitations, export.

Views stay thin: the work is done in registration.py, translation.py, exports.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Locale

from accounts.mail import build_message
from core.access import reader_hidden_paths
from home.facets import read_filters
from search.text import clean_query

from .browse import FACETS, organisations_matching
from .exports import EXPORT_COLUMNS, export_records, to_csv, to_xlsx
from .forms import InvitationForm, OrganisationForm
from .models import Invitation, Membership, OrganisationPage, Registration
from .permissions import can_edit_organisation, can_manage_members, is_editor
from .proposals import proposals_for
from .registration import directory_index, expected_decision, open_registration_of, resubmit, submit_registration
from .translation import cities_of, descriptions_of, following_values, names_of, set_descriptions, sync_translations


def _organisation_or_404(pk):
    """The organisation's default-language page (the one memberships point at)."""
    page = get_object_or_404(OrganisationPage, pk=pk)
    return page.source


@login_required
@ratelimit(key="user", rate="10/h", method="POST", block=False)
def register(request):
    """A signed-in person registers an organisation; it waits for the Secretariat's approval."""
    parent = directory_index()
    if parent is None:
        raise Http404("No directory page yet.")
    waiting = request.user.directory_registrations.filter(status__in=Registration.OPEN).first()
    if waiting is not None:
        # One registration at a time: a second form would only make a duplicate for the Secretariat.
        messages.info(request, _("Your registration of “%(name)s” is still open: you can view and edit it here.")
                      % {"name": waiting.organisation.title})
        return redirect(f"{reverse('directory:mine')}#registration-{waiting.pk}")
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES)
        if getattr(request, "limited", False):
            form.add_error(None, _("Too many registrations in a short time. Please try again later."))
        elif form.is_valid():
            page = submit_registration(form, request.user, parent)
            messages.success(request, _("Thank you! “%(name)s” is waiting for the Secretariat's approval.")
                             % {"name": page.title})
            return redirect("directory:mine")
    else:
        form = OrganisationForm(initial={"contact_email": request.user.email,
                                         "contact_name": request.user.get_full_name()})
    return render(request, "directory/register.html", {"form": form})


@login_required
def mine(request):
    """The organisations the signed-in person belongs to, with their state and role."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation").order_by("organisation__title")
    )
    registrations = list(
        request.user.directory_registrations.select_related("organisation")
        .exclude(status=Registration.APPROVED).order_by("-submitted_at")
    )
    for registration in registrations:
        registration.expected = expected_decision(registration) if registration.status == Registration.PENDING else None
    return render(request, "directory/mine.html", {
        "memberships": memberships, "registrations": registrations, "dashboard": _dashboard(memberships, reader_hidden_paths(request)),
        "may_register": not any(registration.is_open for registration in registrations),
        "proposals": proposals_for(membership.organisation_id for membership in memberships),
    })


def _dashboard(memberships, hidden):
    """{organisation id: [(item, top suggestions)]} for the person's organisations' active items (none of an
    organisation under the `hidden` tree paths suggested)."""
    from .matching import suggestions_for
    from .models import SupportItem

    ids = [membership.organisation_id for membership in memberships]
    board = {pk: [] for pk in ids}
    items = list(SupportItem.objects.in_default_language().open().filter(organisation_id__in=ids).select_related(
        "support_type", "organisation"
    ))
    matches = suggestions_for(items, limit=3, hidden=hidden)
    for item in items:
        board[item.organisation_id].append((item, matches[item.pk]))
    return board


@login_required
@ratelimit(key="user", rate="60/h", method="POST", block=False)
def edit(request, pk):
    """Members edit their organisation's profile; every save is a published revision.

    The applicant edits a registration still in moderation (a draft revision) and, after the
    Secretariat asked for changes, resubmits it with the same form; a rejected registration leads
    back to "My organisation", where the reason is shown.
    """
    page = _organisation_or_404(pk)
    registration = None
    if not can_edit_organisation(request.user, page):
        registration = open_registration_of(request.user, page)
        if registration is None:
            if Registration.objects.filter(organisation=page, user=request.user).exists():
                return redirect("directory:mine")
            raise PermissionDenied
    # Read before the form writes to the instance (which is `page` itself when it has no revision).
    previous = following_values(page)
    latest = page.get_latest_revision_as_object()
    own = {"descriptions": descriptions_of(page), "names": names_of(page), "cities": cities_of(page)}
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=latest, **own)
        if getattr(request, "limited", False):
            form.add_error(None, _("Too many changes in a short time. Please try again later."))
        elif form.is_valid():
            with transaction.atomic():
                _save_profile(request, form, page, previous)
                if registration is not None and registration.status == Registration.CHANGES_REQUESTED:
                    resubmit(registration, request.user)
                    messages.success(request, _("Thank you! The corrected registration is back with the Secretariat."))
                else:
                    messages.success(request, _("The profile was saved."))
            return redirect("directory:mine")
    else:
        form = OrganisationForm(instance=latest, **own)
    return render(request, "directory/edit.html", {"form": form, "organisation": page, "registration": registration})


def _save_profile(request, form, page, previous):
    edited = form.save(commit=False)
    form.save_m2m()
    form.save_logo(edited, request.user)
    descriptions = form.descriptions()
    edited.description = descriptions.get(page.locale.language_code, "")
    edited.last_confirmed_at = timezone.now()
    revision = edited.save_revision(user=request.user, log_action=True)
    # A registration still in moderation stays a draft; an approved profile goes live at once.
    if page.live:
        revision.publish(user=request.user, skip_permission_checks=True)
        edited = OrganisationPage.objects.get(pk=page.pk)
        sync_translations(edited, user=request.user, previous=previous)
        set_descriptions(edited, descriptions, user=request.user, names=form.names(), cities=form.cities())


@login_required
@require_POST
def confirm(request, pk):
    """A member confirms that the profile is still current (a new revision, published)."""
    page = _organisation_or_404(pk)
    if not can_edit_organisation(request.user, page) or not page.live:
        raise PermissionDenied
    with transaction.atomic():
        latest = page.get_latest_revision_as_object()
        latest.last_confirmed_at = timezone.now()
        latest.save_revision(user=request.user, log_action=True).publish(
            user=request.user, skip_permission_checks=True
        )
        sync_translations(OrganisationPage.objects.get(pk=page.pk), user=request.user)
    messages.success(request, _("Thank you for confirming that the profile is current."))
    return redirect("directory:mine")


@login_required
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def members(request, pk):
    """Managers see their colleagues and invite new ones by e-mail."""
    page = _organisation_or_404(pk)
    if not can_manage_members(request.user, page):
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(None, _("Too many invitations in a short time. Please try again later."))
        elif form.is_valid():
            invitation = Invitation.objects.create(
                organisation=page, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                invited_by=request.user,
            )
            _send_invitation(request, invitation)
            messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("directory:members", pk=page.pk)
    context = {
        "organisation": page,
        "form": form,
        "memberships": page.memberships.select_related("user").order_by("role", "user__email"),
        "invitations": page.invitations.filter(accepted_at__isnull=True).order_by("-created_at"),
    }
    return render(request, "directory/members.html", context)


def _send_invitation(request, invitation):
    url = request.build_absolute_uri(reverse("directory:invitation", args=[invitation.token]))
    language = Locale.get_active().language_code
    context = {"invitation": invitation, "organisation": invitation.organisation, "url": url,
               "inviter": request.user}
    transaction.on_commit(
        lambda: build_message(invitation.email, "directory/emails/invitation", context, language).send()
    )


@login_required
def invitation(request, token):
    """Accept an invitation (once); the signed-in person joins the organisation."""
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None or invitation.accepted_at is not None:
        return render(request, "directory/invitation.html", {"invalid": True}, status=404)
    if timezone.now() - invitation.created_at > timezone.timedelta(days=30):
        return render(request, "directory/invitation.html", {"invalid": True}, status=410)
    if request.method == "POST":
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.accepted_at is None:
                Membership.objects.get_or_create(
                    organisation=locked.organisation, user=request.user, defaults={"role": locked.role}
                )
                locked.accepted_at = timezone.now()
                locked.save(update_fields=["accepted_at"])
        messages.success(request, _("You are now a member of %(name)s.") % {"name": invitation.organisation.title})
        return redirect("directory:mine")
    return render(request, "directory/invitation.html", {"invitation": invitation})




@login_required
def export(request, fmt):
    """Editors download the directory, with the filters of the directory page, as CSV, XLSX or JSON
    (the same columns; the JSON names each column's HXL hashtag)."""
    if not is_editor(request.user):
        raise PermissionDenied
    queryset = organisations_matching(clean_query(request.GET.get("q", "")), read_filters(request.GET, FACETS),
                                      reader_hidden_paths(request))
    queryset = queryset.order_by("title", "pk")
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(queryset), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    elif fmt == "json":
        response = JsonResponse({"generated": stamp, "hxl": dict(EXPORT_COLUMNS),
                                 "organisations": list(export_records(queryset))},
                                json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(to_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="organisations-{stamp}.{fmt}"'
    return response


@login_required
@require_POST
def notifications(request, pk):
    """A member turns match notices for one organisation on or off."""
    page = _organisation_or_404(pk)
    updated = Membership.objects.filter(user=request.user, organisation=page).update(
        notify_matches=request.POST.get("notify_matches") == "on"
    )
    if not updated:
        raise PermissionDenied
    messages.success(request, _("Your notification settings were saved."))
    return redirect("directory:mine")
