"""Public views of the working groups: joining, members, meeting registration, calendars, exports."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Locale

from accounts.consent import record_consent
from accounts.models import ConsentRecord
from core.access import can_view, request_restrictions, visible_pages_for
from home import frame

from . import finding
from . import membership as membership_service
from . import registration as registration_service
from .forms import SHARE_DETAILS_TEXT, JoinForm, RegistrationForm
from .ics import meeting_calendar
from .meeting_sections import hidden_in
from .models import GroupMembership, MeetingIndexPage, MeetingPage, MeetingRegistration, WorkingGroupPage
from .roles import can_manage_group, can_manage_meeting

WRITE_RATE = "30/m"


def _visible_page(model, pk, request):
    """The live page of `model` with `pk` that the request's reader may read, else 404 (never reveal it
    exists); the restrictions are the request's own (read once, shared with its lists)."""
    page = get_object_or_404(model.objects.live(), pk=pk)
    if not can_view(request.user, page, catalogue=request_restrictions(request)):
        raise Http404
    return page


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_POST
@login_required
@ratelimit(key="user", rate=WRITE_RATE, method="POST", block=True)
def join_group(request, pk):
    """Join an open group, ask to join a group by request, or accept an invitation."""
    group = _visible_page(WorkingGroupPage, pk, request)
    form = JoinForm(request.POST, organisations=membership_service.joinable_organisations(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(group.url)
    try:
        membership = membership_service.request_to_join(
            request.user, group, form.cleaned_data["message"], organisation=form.cleaned_data["organisation"]
        )
    except membership_service.MembershipError as error:
        messages.error(request, str(error))
    else:
        if membership.is_active:
            messages.success(request, _("Welcome to the group!"))
        else:
            messages.success(request, _("Your request has been sent to the group's coordinators."))
    return redirect(group.url)


@require_POST
@login_required
@ratelimit(key="user", rate=WRITE_RATE, method="POST", block=True)
def leave_group(request, pk):
    """Leave a group."""
    group = _visible_page(WorkingGroupPage, pk, request)
    try:
        membership_service.leave(request.user, group)
    except membership_service.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have left the group."))
    return redirect(group.url)


@require_GET
@login_required
def group_members(request, pk):
    """The group's members and their organisations; coordinators also see pending requests."""
    group = _visible_page(WorkingGroupPage, pk, request)
    can_manage = can_manage_group(request.user, group)
    if not (can_manage or membership_service.is_member(request.user, group)):
        raise PermissionDenied
    members = membership_service.members_of(group).order_by("-role", "user__last_name", "user__first_name", "pk")
    pending = []
    if can_manage:
        pending = GroupMembership.objects.pending().filter(group=group.canonical).select_related("user", "organisation")
    return render(request, "groups/group_members.html", {
        "group": group, "members": members, "pending": pending, "can_manage": can_manage,
    })


@require_GET
def group_documents(request, pk):
    """The group's documents; the members-only ones only for its members (Wagtail guards the files too)."""
    from .documents import group_documents as documents_of

    group = _visible_page(WorkingGroupPage, pk, request)
    public, members_only = documents_of(request.user, group)
    query = finding.query_of(request)
    if query:  # the keyword box: by relevance, as in the site search (the same service answers)
        public = finding.matching_documents(request, public, query, group)
        members_only = None if members_only is None else finding.matching_documents(request, members_only, query,
                                                                                    group)
    return render(request, "groups/group_documents.html", {
        "group": group, "documents": public[:200], "members_documents": members_only[:200] if members_only is not None
        else None, "query": query,
    })


@require_POST
@login_required
@ratelimit(key="user", rate=WRITE_RATE, method="POST", block=True)
def decide_membership(request, pk):
    """A coordinator accepts or declines a request to join."""
    membership = get_object_or_404(GroupMembership.objects.select_related("group"), pk=pk)
    if not can_manage_group(request.user, membership.group):
        raise PermissionDenied
    decision = request.POST.get("decision")
    if decision not in ("accept", "decline"):
        return HttpResponseBadRequest(_("Choose to accept or decline."))
    try:
        membership_service.decide(membership, decision == "accept", by=request.user)
    except membership_service.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request has been accepted.") if decision == "accept"
                         else _("The request has been declined."))
    group = membership.group.localized
    return redirect("groups:members", pk=group.pk)


@require_POST
@login_required
@ratelimit(key="user", rate=WRITE_RATE, method="POST", block=True)
def register_for_meeting(request, pk):
    """Register for a meeting: a seat, or the waitlist when it is full."""
    meeting = _visible_page(MeetingPage, pk, request)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(meeting.url)
    details = dict(form.cleaned_data)
    shares_details = details.pop("share_details")
    try:
        with transaction.atomic():
            registration = registration_service.register(request.user, meeting, **details)
            if shares_details:
                record_consent(request.user, ConsentRecord.Purpose.MEETING_DATA, SHARE_DETAILS_TEXT,
                               ConsentRecord.Method.MEETING)
    except registration_service.RegistrationError as error:
        messages.error(request, str(error))
    else:
        if registration.is_confirmed:
            messages.success(request, _("You are registered. A confirmation is on its way to your inbox."))
        else:
            messages.info(request, _("The meeting is full: you are on the waitlist and will get an e-mail "
                                     "if a seat frees up."))
    return redirect(meeting.url)


@require_POST
@login_required
@ratelimit(key="user", rate=WRITE_RATE, method="POST", block=True)
def cancel_registration(request, pk):
    """Cancel one's registration (a seat then goes to the waitlist)."""
    meeting = _visible_page(MeetingPage, pk, request)
    registration = registration_service.registration_of(request.user, meeting)
    if registration is None:
        messages.error(request, _("You are not registered for this meeting."))
        return redirect(meeting.url)
    try:
        registration_service.cancel(registration)
    except registration_service.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(meeting.url)


@require_GET
def meeting_ics(request, pk):
    """The meeting as an .ics file; its online link only for participants and coordinators."""
    meeting = _visible_page(MeetingPage, pk, request)
    registration = registration_service.registration_of(request.user, meeting)
    with_link = can_manage_meeting(request.user, meeting) or bool(registration and registration.is_confirmed)
    content = meeting_calendar([meeting], name=meeting.title, with_online_link=with_link, request=request)
    return _calendar_response(content, f"{meeting.slug}.ics")


@require_GET
def group_calendar(request, pk):
    """A group's meetings as a calendar feed (subscribe with webcal://). Calendar applications ask again
    every few hours: the feed is kept per group, host, language and the tree paths hidden from the
    reader in the group (read with this request) under the frame's version, which every save,
    publication, move or deletion of a meeting bumps; no online link is in it for anyone."""
    group = _visible_page(WorkingGroupPage, pk, request)

    def compute():
        meetings = visible_pages_for(request.user, MeetingPage.objects.child_of(group).live(),
                                     request_restrictions(request)).order_by("start")
        return meeting_calendar(meetings, name=f"Forum Razem – {group.title}", request=request)

    content = frame.cached(frame.request_parts(request, "groups:calendar", group.pk, hidden_in(request, group)), compute)
    return _calendar_response(content, "calendar.ics")


@require_GET
def forum_calendar(request):
    """The Forum-wide meetings, in the active language, as a calendar feed."""
    index = MeetingIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    if index is None:
        raise Http404
    meetings = visible_pages_for(request.user, MeetingPage.objects.child_of(index).live(),
                                 request_restrictions(request)).order_by("start")
    return _calendar_response(meeting_calendar(meetings, name="Forum Razem", request=request), "calendar.ics")


def _csv_cell(value):
    """Neutralise spreadsheet formulas (CSV injection): a leading = + - @ becomes text."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_GET
@login_required
def participants_csv(request, pk):
    """Coordinators download the participants and the waitlist as CSV (opens in spreadsheets)."""
    meeting = _visible_page(MeetingPage, pk, request)
    if not can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    registrations = (
        meeting.canonical.registrations.exclude(status=MeetingRegistration.Status.CANCELLED)
        .select_related("user").order_by("status", "registered_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-participants.csv"'
    response.write("\ufeff")  # lets spreadsheet applications detect UTF-8 (Polish and Ukrainian names)
    writer = csv.writer(response)
    writer.writerow([_("Status"), pgettext("person", "Name"), _("E-mail"), _("Organisation"), _("Interpretation"),
                     _("Accessibility needs"), _("Registered at"), _("Attended")])
    for registration in registrations:
        attended = {True: _("yes"), False: _("no"), None: ""}[registration.attended]
        writer.writerow([_csv_cell(value) for value in (
            registration.get_status_display(), registration.user.get_full_name(), registration.user.email,
            registration.organisation_name, registration.get_interpretation_display() if registration.interpretation else "",
            registration.accessibility_needs,
            timezone.localtime(registration.registered_at).strftime("%Y-%m-%d %H:%M"), attended,
        )])
    return response


@require_http_methods(["GET", "POST"])
@login_required
def attendance(request, pk):
    """Coordinators record who attended: ticked participants attended, the others did not."""
    meeting = _visible_page(MeetingPage, pk, request)
    if not can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    confirmed = meeting.canonical.registrations.confirmed()
    if request.method == "POST":
        try:
            present = {int(value) for value in request.POST.getlist("attended")}
        except ValueError:
            return HttpResponseBadRequest(_("Invalid participant."))
        with transaction.atomic():
            confirmed.filter(pk__in=present).update(attended=True)
            confirmed.exclude(pk__in=present).update(attended=False)
        messages.success(request, _("Attendance saved."))
        return redirect("groups:attendance", pk=meeting.pk)
    registrations = confirmed.select_related("user").order_by("user__last_name", "user__first_name", "pk")
    return render(request, "groups/attendance.html", {"meeting": meeting, "registrations": registrations})
