"""Joining working groups: requests, invitations, decisions, and who is in a group.

Others should use `is_member`, `member_group_ids` (the groups' page ids a user belongs
to) and `coordinators_of`; they always work on the group's first-created page, whatever
translation is passed in.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.affiliations import organisations_of
from core.request_memo import remember, request_memo

from .mailing import absolute_url, localized_for, send
from .models import GroupMembership, WorkingGroupPage

Status = GroupMembership.Status
Role = GroupMembership.Role


class MembershipError(Exception):
    """A join request or decision that cannot be made; the message is for the person."""


def membership_of(user, group_page):
    """The user's membership row in the group (any status), or None; asked once per request
    (core.request_memo; every membership write drops the memo, see groups.signals)."""
    if not user.is_authenticated:
        return None
    group = group_page.canonical
    return request_memo(("groups:membership", user.pk, group.pk),
                        lambda: GroupMembership.objects.filter(user=user, group=group).first())


def is_member(user, group_page):
    """Is `user` an active member (or coordinator) of the group?"""
    membership = membership_of(user, group_page)
    return membership is not None and membership.is_active


def member_group_ids(user):
    """Page ids (first-created translation) of the groups where `user` is an active member."""
    if not user.is_authenticated:
        return set()
    return set(GroupMembership.objects.active().filter(user=user).values_list("group_id", flat=True))


def coordinators_of(group_page):
    """Active coordinators' memberships of the group, with their users (one query)."""
    return list(GroupMembership.objects.coordinators().filter(group=group_page.canonical).select_related("user"))


def coordinators_and_membership(user, group_page):
    """(`coordinators_of(group_page)`, `membership_of(user, group_page)`) in one query; the
    membership is remembered for the rest of the request like membership_of's."""
    if not user.is_authenticated:
        return coordinators_of(group_page), None
    group = group_page.canonical
    coordinator = Q(status=Status.ACTIVE, role=Role.COORDINATOR)
    rows = list(GroupMembership.objects.filter(coordinator | Q(user=user), group=group).select_related("user"))
    mine = next((row for row in rows if row.user_id == user.pk), None)
    remember(("groups:membership", user.pk, group.pk), mine)
    return [row for row in rows if row.status == Status.ACTIVE and row.role == Role.COORDINATOR], mine


def members_of(group_page):
    """Active memberships of the group with their users and organisations."""
    return GroupMembership.objects.active().filter(group=group_page.canonical).select_related("user", "organisation")


def _notify_coordinators(group, name, context):
    for membership in coordinators_of(group):
        coordinator = membership.user
        send(coordinator, name, {**context, "group": localized_for(group, coordinator),
                                 "manage_url": absolute_url(localized_for(group, coordinator))})


def joinable_organisations(user):
    """The registered (published) organisations `user` may represent in a group."""
    return organisations_of(user).live()


def request_to_join(user, group_page, message="", organisation=None):
    """Join an open group at once or ask to join a group by request; returns the membership.

    People join on behalf of a registered organisation they belong to (`organisation`,
    by default their only one); invited people and the Secretariat may join without one.
    Raises MembershipError for invitation-only or archived groups, for people without a
    registered organisation, and for people already in the group or waiting for an answer.
    """
    from .roles import is_secretariat

    group = group_page.canonical
    if not user.is_authenticated:
        raise MembershipError(_("Log in to join a working group."))
    if group.status != WorkingGroupPage.Status.ACTIVE:
        raise MembershipError(_("This working group is archived and takes no new members."))
    with transaction.atomic():
        membership = GroupMembership.objects.select_for_update().filter(user=user, group=group).first()
        if membership is not None and membership.status == Status.ACTIVE:
            raise MembershipError(_("You are already a member of this group."))
        if membership is not None and membership.status == Status.PENDING:
            raise MembershipError(_("Your request is already waiting for the coordinators' answer."))
        invited = membership is not None and membership.status == Status.INVITED
        if group.join_policy == WorkingGroupPage.JoinPolicy.INVITE and not invited:
            raise MembershipError(_("This group is open by invitation only."))
        organisations = list(joinable_organisations(user))
        if organisation is None and len(organisations) == 1:
            organisation = organisations[0]
        if organisation is not None and organisation.pk not in {o.pk for o in organisations}:
            raise MembershipError(_("You can only represent an organisation you belong to."))
        if organisation is None and not (invited or is_secretariat(user)):
            raise MembershipError(_("Working groups are for members of registered organisations: "
                                    "register your organisation or ask a colleague to invite you to it first."))
        membership = membership or GroupMembership(user=user, group=group)
        membership.message = message
        membership.organisation = organisation
        membership.decided_by = None
        if invited or group.join_policy == WorkingGroupPage.JoinPolicy.OPEN:
            membership.status, membership.decided_at = Status.ACTIVE, timezone.now()
        else:
            membership.status, membership.decided_at = Status.PENDING, None
        membership.save()
        context = {"membership": membership, "member": user}
        if membership.status == Status.ACTIVE:
            transaction.on_commit(lambda: send(user, "membership_welcome", {
                **context, "group": localized_for(group, user), "group_url": absolute_url(localized_for(group, user))}))
        else:
            transaction.on_commit(lambda: _notify_coordinators(group, "membership_requested", context))
    return membership


def decide(membership, accept, by):
    """A coordinator accepts or declines a pending request; the person is told by e-mail."""
    with transaction.atomic():
        membership = GroupMembership.objects.select_for_update().select_related("group", "user").get(pk=membership.pk)
        if membership.status != Status.PENDING:
            raise MembershipError(_("This request has already been answered."))
        membership.status = Status.ACTIVE if accept else Status.DECLINED
        membership.decided_at, membership.decided_by = timezone.now(), by
        membership.save()
        user, group = membership.user, membership.group
        name = "membership_accepted" if accept else "membership_declined"
        transaction.on_commit(lambda: send(user, name, {
            "membership": membership, "group": localized_for(group, user),
            "group_url": absolute_url(localized_for(group, user))}))
    return membership


def invite(user, group_page, by):
    """Invite a person into a group (any join policy); they join with the usual "Join" button."""
    group = group_page.canonical
    with transaction.atomic():
        membership, created = GroupMembership.objects.select_for_update().get_or_create(
            user=user, group=group, defaults={"status": Status.INVITED, "decided_by": by}
        )
        if not created and membership.status == Status.ACTIVE:
            raise MembershipError(_("This person is already a member of the group."))
        if not created:
            membership.status, membership.decided_by = Status.INVITED, by
            membership.save()
        transaction.on_commit(lambda: send(user, "membership_invited", {
            "membership": membership, "group": localized_for(group, user),
            "group_url": absolute_url(localized_for(group, user))}))
    return membership


def leave(user, group_page):
    """The person leaves the group (coordinators too: the Secretariat appoints new ones)."""
    membership = membership_of(user, group_page)
    if membership is None or not membership.is_active:
        raise MembershipError(_("You are not a member of this group."))
    membership.status, membership.role = Status.LEFT, Role.MEMBER
    membership.save()
    return membership


def appoint_coordinator(user, group_page, by=None):
    """Make `user` an active coordinator of the group (Secretariat, demo data, admin)."""
    membership, _created = GroupMembership.objects.update_or_create(
        user=user, group=group_page.canonical,
        defaults={"status": Status.ACTIVE, "role": Role.COORDINATOR, "decided_by": by, "decided_at": timezone.now()},
    )
    return membership
