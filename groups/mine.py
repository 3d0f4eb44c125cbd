"""The signed-in person's own working groups and meetings (the account menu's "My groups" and "My meetings")."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Locale, Page

from .models import GroupMembership, MeetingRegistration

# Rows that still say something to the person: a request, an invitation or a membership.
SHOWN_MEMBERSHIPS = (GroupMembership.Status.ACTIVE, GroupMembership.Status.PENDING, GroupMembership.Status.INVITED)


def localized(pages):
    """The pages in the reader's language where a live translation exists, else themselves (one query)."""
    keys = [page.translation_key for page in pages]
    translations = {page.translation_key: page for page in
                    Page.objects.live().filter(translation_key__in=keys, locale=Locale.get_active())} if keys else {}
    return [translations.get(page.translation_key, page) for page in pages]


@login_required
def my_groups(request):
    """The groups I belong to, asked to join or was invited to, in my language where translated."""
    memberships = list(
        GroupMembership.objects.filter(user=request.user, status__in=SHOWN_MEMBERSHIPS)
        .select_related("group").order_by("group__title")
    )
    for membership, shown in zip(memberships, localized([m.group for m in memberships])):
        membership.shown = shown
    return render(request, "groups/my_groups.html", {"memberships": memberships})


@login_required
def my_meetings(request):
    """My registrations for meetings that have not ended yet, soonest first, then the last past ones."""
    registrations = (
        MeetingRegistration.objects.filter(user=request.user)
        .exclude(status=MeetingRegistration.Status.CANCELLED)
        .select_related("meeting")
    )
    now = timezone.now()
    upcoming = list(registrations.filter(meeting__end__gte=now).order_by("meeting__start"))
    past = list(registrations.filter(meeting__end__lt=now).order_by("-meeting__start")[:10])
    registrations = upcoming + past
    for registration, shown in zip(registrations, localized([r.meeting for r in registrations])):
        registration.shown = shown
    return render(request, "groups/my_meetings.html", {"upcoming": upcoming, "past": past})
