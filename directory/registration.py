"""Registration of organisations from the public site, moderated by the Secretariat.

A submission becomes a draft page under the directory that enters the Wagtail
workflow "Rejestracja organizacji" (one group-approval task for the Secretariat).
Wagtail's workflow signals call back here: approval publishes the page (Wagtail
does it), makes the registrant a manager and creates the translations typed in the
form; rejection e-mails the reviewer's comment back.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Workflow, WorkflowPage, WorkflowTask

from accounts.keys import ensure_keyed
from accounts.mail import send_to_user, send_to_users
from accounts.roles import SECRETARIAT_TASK_NAME as TASK_NAME  # noqa: F401 (its historical name here)
from accounts.roles import secretariat, secretariat_approval_task

from .models import DirectoryIndexPage, Membership, OrganisationPage, Registration
from .translation import set_descriptions

# Stable keys (accounts.keys) and Polish display names of the workflow and its task.
WORKFLOW_KEY, WORKFLOW_NAME = "organisation-registration", "Rejestracja organizacji"
LEGACY_WORKFLOW_NAMES = ["Organisation registration"]


def ensure_registration_workflow():
    """The registration workflow, its Secretariat task, assigned to every directory index (idempotent)."""
    workflow = ensure_keyed(Workflow, WORKFLOW_KEY, WORKFLOW_NAME, legacy_names=LEGACY_WORKFLOW_NAMES)
    task = secretariat_approval_task()
    # Through the model's manager: the workflow's own child-relation manager would only stage it in memory.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in DirectoryIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def directory_index():
    """The directory index page in the default language (where organisations are registered)."""
    return DirectoryIndexPage.objects.filter(locale=Locale.get_default()).first()


def unique_slug(parent, title):
    """A slug for a new child of `parent`, made unique among its siblings."""
    base = slugify(title, allow_unicode=False)[:60] or "organizacja"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def submit_registration(form, user, parent=None):
    """Create the draft organisation from a valid OrganisationForm and start moderation."""
    parent = parent or directory_index()
    page = form.save(commit=False)
    descriptions = form.descriptions()
    default_language = parent.locale.language_code
    page.description = descriptions.get(default_language) or next((d for d in descriptions.values() if d), "")
    page.slug = unique_slug(parent, page.title)
    page.live = False
    page.owner = user
    page.locale_id = parent.locale_id
    form.save_logo(page, user)
    form.save_m2m()
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    translations = {code: text for code, text in descriptions.items() if code != default_language and text}
    registration = Registration.objects.create(organisation=page, user=user, translations=translations)
    quiet_wagtail_notifications(user)
    workflow = ensure_registration_workflow()
    workflow.start(page, user)
    context = {"organisation": page, "registration": registration, "revision": revision}
    transaction.on_commit(lambda: _notify_submitted(user, context))
    return page


def _notify_submitted(user, context):
    send_to_user(user, "directory/emails/registration_received", context)
    send_to_users(secretariat(), "directory/emails/registration_submitted", {**context, "registrant": user})


def _registration_for(workflow_state):
    page = workflow_state.content_object
    if not isinstance(getattr(page, "specific", None), OrganisationPage):
        return None
    return Registration.objects.filter(organisation_id=page.pk).select_related("user").first()


def registration_approved(workflow_state, reviewer):
    """Workflow approved: the registrant becomes a manager and is told so (the page is already live)."""
    registration = _registration_for(workflow_state)
    if registration is None or registration.status == Registration.APPROVED:
        return
    registration.status = Registration.APPROVED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    page = registration.organisation
    page.refresh_from_db()
    if registration.translations:
        set_descriptions(page, registration.translations, user=reviewer)
    context = {"organisation": page, "registration": registration, "reviewer": reviewer}
    if registration.user is not None:
        Membership.objects.get_or_create(
            organisation=page, user=registration.user, defaults={"role": Membership.MANAGER}
        )
        transaction.on_commit(
            lambda: send_to_user(registration.user, "directory/emails/registration_approved", context)
        )
    transaction.on_commit(
        lambda: send_to_users(secretariat(), "directory/emails/registration_decided", context)
    )


def registration_rejected(workflow_state, reviewer):
    """Wagtail's "request changes" on the registration: record the reviewer's comment and e-mail it
    to the registrant, who edits the profile from "My organisation" and resubmits it."""
    registration = _registration_for(workflow_state)
    if registration is None:
        return
    task_state = workflow_state.current_task_state
    registration.status = Registration.CHANGES_REQUESTED
    registration.reason = (task_state.comment if task_state else "") or ""
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "reason", "decided_at"])
    _tell(registration, reviewer, "directory/emails/registration_changes")


def decide_rejection(registration, reviewer, reason):
    """The Secretariat rejects a registration for good, with the reason the applicant reads: the
    moderation workflow stops and the profile stays an unpublished draft."""
    page = registration.organisation
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=reviewer)
    registration.status = Registration.REJECTED
    registration.reason = reason
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "reason", "decided_at"])
    _tell(registration, reviewer, "directory/emails/registration_rejected")


def resubmit(registration, user):
    """The applicant has edited the profile after a request for changes: the same moderation
    resumes at the Secretariat's step and the Secretariat is told."""
    page = registration.organisation
    state = page.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is None:
        ensure_registration_workflow().start(page, user)
    registration.status = Registration.PENDING
    registration.submitted_at = timezone.now()
    registration.save(update_fields=["status", "submitted_at"])
    context = {"organisation": page, "registration": registration, "resubmitted": True}
    transaction.on_commit(lambda: send_to_users(
        secretariat(), "directory/emails/registration_submitted", {**context, "registrant": user}))


def _tell(registration, reviewer, template):
    context = {"organisation": registration.organisation, "registration": registration, "reviewer": reviewer}
    if registration.user is not None:
        transaction.on_commit(lambda: send_to_user(registration.user, template, context))
    transaction.on_commit(lambda: send_to_users(secretariat(), "directory/emails/registration_decided", context))


REVIEW_WORKING_DAYS = 5
"""How long the Secretariat usually takes to decide on a registration (shown to the applicant)."""


def expected_decision(registration):
    """The date by which the applicant may expect a decision: REVIEW_WORKING_DAYS working days
    (Monday to Friday) after the registration was last submitted."""
    day, left = timezone.localdate(registration.submitted_at), REVIEW_WORKING_DAYS
    while left:
        day += timezone.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def open_registration_of(user, page):
    """The registration of `page` that `user` submitted and may still edit, or None."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        organisation__translation_key=page.translation_key, user=user, status__in=Registration.OPEN
    ).first()


def quiet_wagtail_notifications(user):
    """Wagtail's own workflow e-mails link to admin pages; applicants who cannot open the admin get
    ours (in their language, linking to "My organisation") instead."""
    from wagtail.users.models import UserProfile

    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    profile.submitted_notifications = profile.approved_notifications = profile.rejected_notifications = False
    profile.updated_comments_notifications = False
    profile.save()


def site_url():
    return settings.WAGTAILADMIN_BASE_URL
