"""Needs and offers in motion: match notices, partnerships, expiry.

Every function checks who may act and raises SupportError with a readable
message when the action is not allowed; nothing is changed in that case.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_to_users
from core.access import can_view, restrictions

from .matching import pool, suggestions, threshold
from .models import Membership, MatchNotification, Partnership, SupportItem
from .permissions import can_edit_organisation, managers_of

logger = logging.getLogger(__name__)


class SupportError(Exception):
    """An action on needs and offers that is not allowed (the message says why)."""


def notified_managers(organisation):
    """Managers of `organisation` who want match notices."""
    return get_user_model().objects.filter(
        directory_memberships__organisation__translation_key=organisation.translation_key,
        directory_memberships__role=Membership.MANAGER,
        directory_memberships__notify_matches=True,
        is_active=True,
    ).distinct()


def notify_matches(item_id):
    """Tell the other side's managers about good matches of a new item, once per pair (a django-q2 task).

    Only managers who may see the item's organisation page (its view restrictions, read now:
    core.access) are told; a pair whose managers all may not is left for a later save."""
    item = SupportItem.objects.filter(pk=item_id).select_related("organisation", "support_type").first()
    if item is None or not item.is_active:
        return 0
    # The item changed both pools of its support type: refill its own kind's pool here, in the
    # worker, so the next visitor of a counterpart's page does not pay for it (suggestions()
    # below refills the other one).
    pool(item.kind, item.support_type_id)
    sent = 0
    catalogue = restrictions()
    for match in suggestions(item, limit=50, minimum=threshold()):
        need, offer = (item, match.item) if item.kind == SupportItem.NEED else (match.item, item)
        managers = list(notified_managers(match.item.organisation))
        recipients = [user for user in managers if can_view(user, item.organisation, catalogue=catalogue)]
        if managers and not recipients:
            continue
        try:
            with transaction.atomic():
                MatchNotification.objects.create(need=need, offer=offer, score=match.score)
                context = {"item": match.item, "match": item, "score": match.score, "reasons": match.reasons}
                send_to_users(recipients, "directory/emails/match_found", context)
        except IntegrityError:
            continue  # already told about this pair
        sent += 1
    return sent


def queue_match_notices(item):
    """After the item is saved and committed, look for matches in the background."""
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("directory.support.notify_matches", item.pk))


def _check_can_act(user, item):
    if not can_edit_organisation(user, item.organisation):
        raise SupportError(_("Only members of the organisation can do this."))


@transaction.atomic
def propose_partnership(user, own_item, other_item, message=""):
    """A member proposes a partnership between their item and another organisation's item."""
    _check_can_act(user, own_item)
    own_item = SupportItem.objects.select_for_update().get(pk=own_item.pk)
    other_item = SupportItem.objects.select_for_update().get(pk=other_item.pk)
    if own_item.organisation.translation_key == other_item.organisation.translation_key:
        raise SupportError(_("An organisation cannot propose a partnership to itself."))
    if own_item.kind == other_item.kind:
        raise SupportError(_("A partnership joins a need with an offer."))
    if not own_item.is_active or not other_item.is_active:
        raise SupportError(_("This need or offer is closed or expired."))
    need, offer = (own_item, other_item) if own_item.kind == SupportItem.NEED else (other_item, own_item)
    if Partnership.objects.filter(need=need, offer=offer).exists():
        raise SupportError(_("A partnership was already proposed for these two."))
    partnership = Partnership.objects.create(
        need=need, offer=offer, proposed_by=own_item.organisation, proposed_by_user=user, message=message,
    )
    SupportItem.objects.filter(pk__in=[need.pk, offer.pk], status=SupportItem.OPEN).update(updated_at=timezone.now(), status=SupportItem.IN_TALKS)
    context = {"partnership": partnership, "item": other_item, "other": own_item}
    recipients = list(managers_of(other_item.organisation))
    transaction.on_commit(lambda: send_to_users(recipients, "directory/emails/partnership_proposed", context))
    return partnership


def _counterpart(partnership, user):
    """The side that did not propose: the one that may accept or decline."""
    receiving = partnership.offer if partnership.proposed_by_id == partnership.need.organisation_id else partnership.need
    if not can_edit_organisation(user, receiving.organisation):
        raise SupportError(_("Only the other organisation can answer this proposal."))
    return receiving


@transaction.atomic
def accept_partnership(user, partnership):
    """The other side accepts: both items become matched and the partnership starts today."""
    partnership = Partnership.objects.select_for_update().select_related("need", "offer").get(pk=partnership.pk)
    _counterpart(partnership, user)
    if partnership.status != Partnership.PROPOSED:
        raise SupportError(_("This proposal was already answered."))
    if not (partnership.need.is_active and partnership.offer.is_active):
        raise SupportError(_("This need or offer is closed or expired."))
    partnership.status = Partnership.ACCEPTED
    partnership.accepted_at = timezone.now()
    partnership.save(update_fields=["status", "accepted_at"])
    SupportItem.objects.filter(pk__in=[partnership.need_id, partnership.offer_id]).update(updated_at=timezone.now(), status=SupportItem.MATCHED)
    recipients = list(managers_of(partnership.proposed_by))
    transaction.on_commit(
        lambda: send_to_users(recipients, "directory/emails/partnership_accepted", {"partnership": partnership})
    )
    return partnership


@transaction.atomic
def decline_partnership(user, partnership):
    """The other side declines: the items go back to open."""
    partnership = Partnership.objects.select_for_update().select_related("need", "offer").get(pk=partnership.pk)
    _counterpart(partnership, user)
    if partnership.status != Partnership.PROPOSED:
        raise SupportError(_("This proposal was already answered."))
    partnership.status = Partnership.DECLINED
    partnership.save(update_fields=["status"])
    SupportItem.objects.filter(
        pk__in=[partnership.need_id, partnership.offer_id], status=SupportItem.IN_TALKS
    ).update(updated_at=timezone.now(), status=SupportItem.OPEN)
    return partnership


def close_expired_items(today=None):
    """Close active items past their valid-until date and tell their owners (a daily django-q2 task)."""
    today = today or timezone.localdate()
    closed = 0
    expired = SupportItem.objects.in_default_language().filter(status__in=SupportItem.ACTIVE, valid_until__lt=today)
    for item in expired.select_related("organisation").iterator(chunk_size=200):
        with transaction.atomic():
            # The conditional update makes a second worker (or a rerun) skip the item: one e-mail per item.
            if not SupportItem.objects.filter(pk=item.pk, status__in=SupportItem.ACTIVE).update(
                updated_at=timezone.now(), status=SupportItem.CLOSED
            ):
                continue
            SupportItem.objects.filter(translation_key=item.translation_key).update(updated_at=timezone.now(), status=SupportItem.CLOSED)
            send_to_users(managers_of(item.organisation), "directory/emails/item_expired", {"item": item})
        closed += 1
    logger.info("closed %d expired needs and offers", closed)
    return closed
