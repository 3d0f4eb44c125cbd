"""Replicating an innovation: an organisation records its interest, the author organisation is told
and answers, and the interested organisation may post a pre-filled need to the needs-and-offers
directory (only when it submits that form itself: nothing is created without its consent).

Every function checks who may act and raises InterestError with a readable message when the
action is not allowed; nothing is saved in that case.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.affiliations import is_member, managers_of, members_of
from accounts.mail import send_to_users
from accounts.roles import is_secretariat
from core.discovery import app_module

from .models import ReplicationInterest
from .submissions import member_organisations

logger = logging.getLogger(__name__)


class InterestError(Exception):
    """An action on interests that is not allowed (the message says why)."""


def author_recipients(innovation):
    """Who hears about an interest: the author organisation's managers (its members when it has no
    manager) and the person who submitted the innovation."""
    organisation = innovation.organisation
    people = {}
    if organisation is not None:
        recipients = list(managers_of(organisation)) or list(members_of(organisation))
        people.update({user.pk: user for user in recipients})
    from .models import InnovationSubmission

    submission = InnovationSubmission.objects.filter(page=innovation).select_related("contributor").first()
    if submission is not None and submission.contributor is not None and submission.contributor.is_active:
        people.setdefault(submission.contributor.pk, submission.contributor)
    return list(people.values())


def can_answer(user, interest):
    """Members of the author organisation answer interests in their innovation."""
    organisation = interest.innovation.organisation
    return organisation is not None and is_member(user, organisation)


def can_view(user, interest):
    """The two organisations and the Secretariat see an interest (its reason is a message, not a
    public statement)."""
    return is_secretariat(user) or is_member(user, interest.organisation) or can_answer(user, interest)


def record_interest(user, innovation, organisation, reason, timeframe):
    """`organisation` (one of the user's own) wants to replicate `innovation`; the author is told."""
    if not innovation.live:
        raise InterestError(_("This innovation is not published."))
    if organisation is None or not member_organisations(user).filter(pk=organisation.pk).exists():
        raise InterestError(_("You can only act for an organisation you belong to."))
    original = innovation.original()
    author = original.organisation
    if author is not None and author.translation_key == organisation.translation_key:
        raise InterestError(_("Your organisation is the author of this innovation."))
    try:
        with transaction.atomic():
            interest = ReplicationInterest.objects.create(
                innovation=original, organisation=organisation, user=user, reason=reason, timeframe=timeframe)
    except IntegrityError as error:
        raise InterestError(_("Your organisation has already recorded its interest in this innovation.")) from error
    recipients = author_recipients(original)
    context = {"interest": interest, "innovation": original}
    transaction.on_commit(lambda: send_to_users(recipients, "innovations/emails/interest_recorded", context))
    logger.info("interest %s: organisation %s in innovation %s", interest.pk, organisation.pk, original.pk)
    return interest


@transaction.atomic
def answer_interest(user, interest, answer):
    """The author organisation answers; the interested organisation's person and managers are told."""
    interest = ReplicationInterest.objects.select_for_update(of=("self",)).select_related(
        "innovation__organisation", "organisation", "user").get(pk=interest.pk)
    if not can_answer(user, interest):
        raise InterestError(_("Only the organisation that runs this innovation can answer."))
    if interest.answered_at is not None:
        raise InterestError(_("This interest was already answered."))
    interest.answer = answer
    interest.answered_at = timezone.now()
    interest.answered_by = user
    interest.save(update_fields=["answer", "answered_at", "answered_by"])
    people = {u.pk: u for u in managers_of(interest.organisation)}
    if interest.user is not None:
        people.setdefault(interest.user.pk, interest.user)
    recipients = list(people.values())
    context = {"interest": interest, "innovation": interest.innovation}
    transaction.on_commit(lambda: send_to_users(recipients, "innovations/emails/interest_answered", context))
    return interest


def need_initial(interest, language_code):
    """The need the interested organisation is offered to post: knowledge and solutions to replicate the
    innovation, with its sectors and target groups and the organisation's own voivodeship."""
    from django.utils import translation

    innovation = interest.innovation
    with translation.override(language_code):
        shown = innovation.localized  # the live translation in that language, else the original
    title = _("Replicating “%(title)s”") % {"title": shown.title}
    description = "\n\n".join(filter(None, [
        _("We want to replicate the innovation “%(title)s” of %(organisation)s and look for knowledge, "
          "mentoring or funding to do so.") % {
            "title": shown.title, "organisation": innovation.organisation.title if innovation.organisation else ""},
        interest.reason,
        _("What it takes: %(requirements)s") % {"requirements": shown.requirements},
        settings.WAGTAILADMIN_BASE_URL + (shown.url or ""),
    ]))
    organisation = interest.organisation
    return {
        "kind": "need", "support_type": "knowledge", "title": title[:200], "description": description[:5000],
        "sectors": [term.code for term in innovation.sectors.all()],
        "target_groups": [term.code for term in innovation.target_groups.all()],
        "regions": [organisation.voivodeship.code] if organisation.voivodeship_id else [],
        "nationwide": not organisation.voivodeship_id,
    }


def need_form(*args, **kwargs):
    """The form of the need to post: the directory's own (`<app>/needs.py`, directory.needs), so it is checked,
    counted and matched exactly like any other need."""
    return app_module("needs").SupportItemForm(*args, **kwargs)


def post_need(user, interest, form):
    """Post the (possibly edited) pre-filled need (`need_form`) for the interested organisation, with the
    directory's save, and link it."""
    with transaction.atomic():
        interest = (ReplicationInterest.objects.select_for_update(of=("self",)).select_related("organisation")
                    .get(pk=interest.pk))
        if not is_member(user, interest.organisation):
            raise InterestError(_("Only members of the interested organisation can post its need."))
        if interest.need_id is not None:
            raise InterestError(_("A need was already posted for this interest."))
        need = app_module("needs").save_item(form, interest.organisation, user)
        interest.need = need
        interest.save(update_fields=["need"])
    return need
