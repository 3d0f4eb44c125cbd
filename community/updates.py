"""Posting, hiding and reporting member updates; the rules live here, views stay thin.

Only an organisation's members post for it (directory.permissions); editors (the
Secretariat) hide an update with a reason e-mailed to its author, or to the
organisation's managers when the author's account is gone.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import record
from accounts.mail import send_to_users
from directory.models import OrganisationPage
from directory.permissions import is_editor, is_member, managers_of

from .discussions import DiscussionError
from .models import MAX_UPDATE_LENGTH, OrganisationUpdate, Report
from .text import clean_text


def source_of(organisation):
    """The organisation's page in the default language (the one memberships hang on)."""
    return OrganisationPage.objects.filter(translation_key=organisation.translation_key).order_by("pk").first()


def default_places(organisation):
    """(sectors, voivodeships) an update inherits: the organisation's sectors, seat and regions served."""
    voivodeships = list(organisation.regions_served.all())
    if organisation.voivodeship_id and all(v.pk != organisation.voivodeship_id for v in voivodeships):
        voivodeships.append(organisation.voivodeship)
    return list(organisation.sectors.all()), voivodeships


def post_update(user, organisation, kind, text, language, sectors=None, voivodeships=None, image=None,
                image_alt="", document=None, working_group=None, need=None):
    """Publish an update for `organisation`; raises DiscussionError (nothing saved) when not allowed or invalid."""
    organisation = source_of(organisation)
    if organisation is None or not is_member(user, organisation):
        raise DiscussionError(_("Only members of the organisation can post its updates."))
    text = clean_text(text)
    if not text:
        raise DiscussionError(_("Write something before posting."))
    if len(text) > MAX_UPDATE_LENGTH:
        raise DiscussionError(_("An update can be at most %(max)s characters long (this one has %(count)s).")
                              % {"max": MAX_UPDATE_LENGTH, "count": len(text)})
    if kind not in OrganisationUpdate.Kind.values:
        raise DiscussionError(_("Choose the kind of update."))
    if image and not clean_text(image_alt):
        raise DiscussionError(_("Describe the image for people who cannot see it."))
    if kind != OrganisationUpdate.Kind.CHALLENGE:
        working_group = need = None
    default_sectors, default_voivodeships = default_places(organisation)
    with transaction.atomic():
        update = OrganisationUpdate(
            organisation=organisation, author=user, kind=kind, text=text, language=language,
            image_alt=clean_text(image_alt), working_group=working_group.canonical if working_group else None,
            need=need,
        )
        if image:
            update.image = image
        if document:
            update.document = document
        update.full_clean(exclude=["organisation", "author", "working_group", "need"])
        update.save()
        update.sectors.set(sectors if sectors else default_sectors)
        update.voivodeships.set(voivodeships if voivodeships else default_voivodeships)
    return update


def hide_update(user, update, reason):
    """An editor hides an update; the reason is e-mailed to its author (or the organisation's managers)."""
    if not is_editor(user):
        raise DiscussionError(_("Only editors can hide updates."))
    reason = clean_text(reason)
    if not reason:
        raise DiscussionError(_("Give the reason for hiding the update."))
    if len(reason) > 500:
        raise DiscussionError(_("The reason is too long."))
    with transaction.atomic():
        update.hidden, update.hidden_reason, update.hidden_by, update.hidden_at = True, reason, user, timezone.now()
        update.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
        Report.objects.filter(update=update, status=Report.Status.OPEN).update(status=Report.Status.RESOLVED)
        record(update, "razem.post_hidden", user=user, reason=reason)
        recipients = [update.author] if update.author and update.author.is_active else list(
            managers_of(update.organisation))
        transaction.on_commit(lambda: send_to_users(
            recipients, "community/emails/update_hidden", {"update": update, "reason": reason}))
    return update


def report_update(user, update, reason):
    """A signed-in reader reports an update to the editors (once per person)."""
    if not user.is_authenticated or update.hidden:
        raise DiscussionError(_("You cannot report this update."))
    reason = clean_text(reason)
    if not reason:
        raise DiscussionError(_("Say what is wrong with the update."))
    if len(reason) > 2000:
        raise DiscussionError(_("The reason is too long."))
    report, created = Report.objects.get_or_create(update=update, reporter=user, defaults={"reason": reason})
    if not created:
        raise DiscussionError(_("You have already reported this update."))
    return report
