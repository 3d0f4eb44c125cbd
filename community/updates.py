"""Posting, hiding and reporting member updates; the rules live here, views stay thin.

Only an organisation's members post for it (accounts.affiliations), and only for a
registered (published) organisation. Editors (the Secretariat) hide an update with a
reason e-mailed to its author, or to the organisation's managers when the author's
account is gone; hiding is recorded in the audit log. Each function either does all of
its work in one transaction or raises DiscussionError (its message is for the person)
having saved nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.affiliations import is_member, managers_of
from accounts.audit import record
from accounts.mail import send_to_users
from accounts.roles import is_secretariat
from core.access import exclude_paths
from core.text import clean_text
from core.uploads import IMAGE_TYPES, check_upload, validate_document_file
from home.translation import localise

from .discussions import DiscussionError
from .models import MAX_UPDATE_LENGTH, OrganisationUpdate, Report

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_REASON_LENGTH = 500


def source_of(organisation):
    """The organisation's page in the default language (the one memberships hang on)."""
    if organisation is None:
        return None
    return organisation.get_translations(inclusive=True).order_by("pk").first()


def default_places(organisation):
    """(sectors, voivodeships) an update inherits: the organisation's sectors, seat and regions served."""
    voivodeships = list(organisation.regions_served.all())
    if organisation.voivodeship_id and all(v.pk != organisation.voivodeship_id for v in voivodeships):
        voivodeships.append(organisation.voivodeship)
    return list(organisation.sectors.all()), voivodeships


def with_local_organisations(updates):
    """Attach to each update its organisation's page in the reader's language (one query at most)."""
    updates = list(updates)
    pairs = dict(localise([update.organisation for update in updates], translation.get_language()))
    for update in updates:
        update.shown_organisation = pairs.get(update.organisation, update.organisation)
    return updates


def shown_updates(hidden=()):
    """Updates readers may see (not hidden, of a published organisation under none of the tree paths
    `hidden` from them: core.access.reader_hidden_paths, the view restrictions read with the request),
    with what listings show."""
    updates = OrganisationUpdate.objects.shown().filter(organisation__live=True)
    return (
        exclude_paths(updates, hidden, "organisation__path")
        .select_related("organisation", "working_group", "need")
        .prefetch_related("sectors", "voivodeships")
    )


def check_image(image):
    """Refuse images over 5 MB, with too many pixels or whose content is not PNG, JPEG or WebP."""
    try:
        check_upload(image, IMAGE_TYPES, max_size=MAX_IMAGE_BYTES)
    except ValidationError as error:
        if error.code in ("file_type", "content_mismatch"):
            raise DiscussionError(_("Attach a PNG, JPEG or WebP image.")) from error
        raise DiscussionError(" ".join(error.messages)) from error


def check_document(document):
    """Refuse documents whose content is not an accepted type (the library's checks)."""
    try:
        validate_document_file(document, document.name)
    except ValidationError as error:
        raise DiscussionError(" ".join(error.messages)) from error


def _check_text(text):
    text = clean_text(text)
    if not text:
        raise DiscussionError(_("Write something before posting."))
    if len(text) > MAX_UPDATE_LENGTH:
        raise DiscussionError(_("An update can be at most %(max)s characters long (this one has %(count)s).")
                              % {"max": MAX_UPDATE_LENGTH, "count": len(text)})
    return text


def post_update(user, organisation, kind, text, language, sectors=None, voivodeships=None, image=None,
                image_alt="", document=None, working_group=None, need=None):
    """Publish an update for `organisation`; raises DiscussionError (nothing saved) when not allowed or invalid."""
    organisation = source_of(organisation)
    if organisation is None or not is_member(user, organisation):
        raise DiscussionError(_("Only members of the organisation can post its updates."))
    if not organisation.live:
        raise DiscussionError(_("Your organisation's registration has not been approved yet."))
    text = _check_text(text)
    if kind not in OrganisationUpdate.Kind.values:
        raise DiscussionError(_("Choose the kind of update."))
    image_alt = clean_text(image_alt)
    if image:
        check_image(image)
        if not image_alt:
            raise DiscussionError(_("Describe the image for people who cannot see it."))
    if document:
        check_document(document)
    if kind != OrganisationUpdate.Kind.CHALLENGE:
        working_group = need = None
    if need is not None and (need.kind != need.NEED or need.organisation.translation_key
                             != organisation.translation_key):
        raise DiscussionError(_("Link only a need of your own organisation."))
    default_sectors, default_voivodeships = default_places(organisation)
    with transaction.atomic():
        update = OrganisationUpdate(
            organisation=organisation, author=user, kind=kind, text=text, language=language,
            image_alt=image_alt, working_group=working_group.canonical if working_group else None, need=need,
        )
        if image:
            update.image = image
        if document:
            update.document = document
        try:
            update.full_clean(exclude=["organisation", "author", "working_group", "need", "image", "document"])
        except ValidationError as error:
            raise DiscussionError(" ".join(error.messages)) from error
        update.save()
        update.sectors.set(sectors if sectors else default_sectors)
        update.voivodeships.set(voivodeships if voivodeships else default_voivodeships)
    return update


def _check_reason(reason, missing):
    reason = clean_text(reason)
    if not reason:
        raise DiscussionError(missing)
    if len(reason) > MAX_REASON_LENGTH:
        raise DiscussionError(_("The reason is too long."))
    return reason


def hide_update(user, update, reason):
    """An editor hides an update; the reason is e-mailed to its author (or the organisation's managers)."""
    if not is_secretariat(user):
        raise DiscussionError(_("Only editors can hide updates."))
    reason = _check_reason(reason, _("Give the reason for hiding the update."))
    with transaction.atomic():
        update = OrganisationUpdate.objects.select_for_update(of=("self",)).select_related("author", "organisation").get(
            pk=update.pk)
        if update.hidden:
            raise DiscussionError(_("This update is already hidden."))
        update.hidden, update.hidden_reason, update.hidden_by, update.hidden_at = True, reason, user, timezone.now()
        update.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
        Report.objects.filter(update=update, status=Report.Status.OPEN).update(status=Report.Status.RESOLVED)
        record(update, "razem.post_hidden", user=user, reason=reason)
        author = update.author
        recipients = [author] if author is not None and author.is_active else list(managers_of(update.organisation))
        transaction.on_commit(lambda: send_to_users(
            recipients, "community/emails/update_hidden", {"update": update, "reason": reason}))
    return update


def unhide_update(user, update):
    """An editor shows a hidden update again."""
    if not is_secretariat(user):
        raise DiscussionError(_("Only editors can hide updates."))
    update.hidden, update.hidden_reason, update.hidden_by, update.hidden_at = False, "", None, None
    update.save(update_fields=["hidden", "hidden_reason", "hidden_by", "hidden_at"])
    return update


def report_update(user, update, reason):
    """A signed-in reader reports an update to the editors (once per person)."""
    if not user.is_authenticated or update.hidden:
        raise DiscussionError(_("You cannot report this update."))
    reason = _check_reason(reason, _("Say what is wrong with the update."))
    with transaction.atomic():
        report, created = Report.objects.get_or_create(update=update, reporter=user, defaults={"reason": reason})
    if not created:
        raise DiscussionError(_("You have already reported this update."))
    return report
