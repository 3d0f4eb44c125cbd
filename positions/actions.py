"""What members, managers and owners do with a position, each in one transaction.

Every function checks who asks and when, and raises `Refused` with a message for the reader; it
saves everything or nothing. Races (two signatures at once) end on the unique constraints.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record
from core.access import visible_pages_for
from core.text import clean_text

from .models import COMMENT_MAX_LENGTH, Comment, PositionPage, PositionVersion, ReminderOptOut, Signature
from .permissions import commenting_organisations, is_owner, signing_organisations


class Refused(Exception):
    """An action that is not allowed now; the message says why (translated)."""


def _text(value, required=True):
    text = clean_text(value)
    if required and not text:
        raise Refused(_("Write something first."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise Refused(_("Keep it under %(count)s characters.") % {"count": COMMENT_MAX_LENGTH})
    return text


def _organisation(choices, organisation_id, missing):
    organisation = choices.filter(pk=organisation_id).first() if organisation_id else None
    if organisation is None:
        raise Refused(missing)
    return organisation


def add_comment(user, position, paragraph, text, organisation_id, now=None):
    """A member's comment on a paragraph of the current version, while the consultation is open."""
    position = position.canonical
    if not position.consultation_open(now):
        raise Refused(_("The consultation of this position is closed."))
    organisations = commenting_organisations(user)
    if not organisations.exists():
        raise Refused(_("Only members of member organisations take part in consultations."))
    organisation = _organisation(organisations, organisation_id,
                                 _("Choose one of your organisations to comment on its behalf."))
    text = _text(text)
    with transaction.atomic():
        version = PositionVersion.objects.filter(position=position).order_by("-number").first()
        if version is None or paragraph not in {pid for pid, _text in version.paragraphs}:
            raise Refused(_("This paragraph is not in the current version any more."))
        return Comment.objects.create(position=position, version=version, paragraph=paragraph, author=user,
                                      organisation=organisation, text=text, created_at=now or timezone.now())


def answer_comment(user, comment, decision, reason, now=None):
    """An owner's answer: accepted, partly or not accepted, with a reason (required unless accepted)."""
    if not is_owner(user, comment.position):
        raise Refused(_("Only the position's authors answer comments."))
    if decision not in (Comment.Decision.ACCEPTED, Comment.Decision.PARTLY, Comment.Decision.REJECTED):
        raise Refused(_("Choose accepted, partly accepted or not accepted."))
    reason = _text(reason, required=decision != Comment.Decision.ACCEPTED)
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(
            decision=decision, reason=reason, answered_by=user, answered_at=now or timezone.now())
    comment.refresh_from_db()
    return comment


def sign(user, position, organisation_id, now=None):
    """A manager signs the position for an organisation they manage, once, before it closes."""
    position = position.canonical
    if not position.signing_open(now):
        raise Refused(_("This position is not open for signature."))
    organisation = _organisation(signing_organisations(user), organisation_id,
                                 _("You can sign only for an organisation you manage."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(position=position, organisation=organisation, signed_by=user,
                                                 signed_at=now or timezone.now())
            record(signature, "razem.position_signed", user=user, position=position.pk,
                   organisation=organisation.pk, organisation_name=organisation.title)
    except IntegrityError:
        raise Refused(_("%(organisation)s has already signed this position.")
                      % {"organisation": organisation.title}) from None
    return signature


def withdraw(user, position, organisation_id, now=None):
    """A manager withdraws their organisation's signature, until signing closes."""
    position = position.canonical
    if not position.signing_open(now):
        raise Refused(_("Signing has closed: signatures can no longer be withdrawn."))
    organisation = _organisation(signing_organisations(user), organisation_id,
                                 _("You can withdraw only the signature of an organisation you manage."))
    with transaction.atomic():
        signature = Signature.objects.select_for_update().filter(position=position, organisation=organisation).first()
        if signature is None:
            raise Refused(_("%(organisation)s has not signed this position.") % {"organisation": organisation.title})
        record(signature, "razem.position_signature_withdrawn", user=user, position=position.pk,
               organisation=organisation.pk, organisation_name=organisation.title,
               signed_by=signature.signed_by_id, signed_at=signature.signed_at.isoformat())
        signature.delete()
    return organisation


def set_reminders(user, organisation_id, wanted):
    """A manager turns the positions' deadline reminders on or off for their organisation."""
    organisation = _organisation(signing_organisations(user), organisation_id,
                                 _("Only the organisation's managers change its reminders."))
    if wanted:
        ReminderOptOut.objects.filter(organisation=organisation).delete()
    else:
        ReminderOptOut.objects.get_or_create(organisation=organisation, defaults={"by": user})
    return organisation


def position_for(pk, user):
    """The live position page with this id (any translation) that `user` may read, or None."""
    if pk is None:
        return None
    return visible_pages_for(user, PositionPage.objects.live().filter(pk=pk)).first()
