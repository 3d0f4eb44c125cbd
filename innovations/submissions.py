"""Member submissions: the public form that turns into a draft innovation under the Secretariat's review,
its evidence files (private until publication), and the e-mails about each decision.

The building blocks are shared with the library's proposals (accounts.submissions): the same private
collection, file publication and review e-mails (and the same upload check, core.uploads).
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from accounts.affiliations import organisations_of
from accounts.roles import secretariat_group
from accounts.submissions import ReviewNotices, private_collection, publish_files, store_files, unique_slug

from .forms import SubmissionForm
from .models import InnovationPage, InnovationSubmission
from .workflow import review_workflow

logger = logging.getLogger(__name__)
SUBMITTED_COLLECTION_KEY, SUBMITTED_COLLECTION = "innovations-submitted", "Innowacje – zgłoszenia"
PUBLIC_COLLECTION_KEY, PUBLIC_COLLECTION = "innovations-files", "Innowacje"
RATE = "10/h"

notices = ReviewNotices(InnovationSubmission, "innovations/emails")


def submitted_collection():
    """The collection of evidence files of innovations under review: the Secretariat's eyes only."""
    return private_collection(SUBMITTED_COLLECTION_KEY, SUBMITTED_COLLECTION, lambda: [secretariat_group()])


def on_page_published(sender, instance, **kwargs):
    """page_published: a submitted innovation makes its evidence files public."""
    if isinstance(instance, InnovationPage) and InnovationSubmission.objects.filter(page_id=instance.pk).exists():
        publish_files(instance, submitted_collection(), PUBLIC_COLLECTION_KEY, PUBLIC_COLLECTION)


def secure_submitted_files(**kwargs):
    """post_migrate: the private collection exists and is restricted before anyone submits."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is not None:
        submitted_collection()


def member_organisations(user):
    """The live organisations `user` belongs to: the ones they may act for in the catalogue."""
    return organisations_of(user).filter(live=True)


@transaction.atomic
def create_innovation(catalogue, user, data):
    """Create the draft innovation, its files and the submission record; start the review workflow."""
    page = InnovationPage(
        title=data["title"], slug=unique_slug(catalogue, data["title"], "innovation"), locale_id=catalogue.locale_id,
        organisation=data["organisation"], live=False, owner=user,
        **{name: data.get(name) for name in (
            "summary", "problem", "solution", "context", "nationwide", "results", "people_reached", "evaluation",
            "stage", "cost_band", "requirements", "contact_name", "contact_email")},
    )
    page.context = page.context or ""
    catalogue.add_child(instance=page)
    page.sectors.set(data["sectors"])
    page.target_groups.set(data["target_groups"])
    page.regions.set(data.get("regions") or [])
    store_files(page, data.get("files"), submitted_collection(), user)
    page.save()
    page.save_revision(user=user, log_action=True)
    submission = InnovationSubmission.objects.create(page=page, contributor=user, note=data.get("note") or "")
    # The contributor hears from us in their language (notices), not through Wagtail's admin
    # notifications, whose links lead into an admin they cannot open.
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=user, defaults={"approved_notifications": False,
                                                              "rejected_notifications": False})
    review_workflow().start(page, user)
    transaction.on_commit(lambda: notices.notify(submission, "submission_received"))
    logger.info("innovation submitted: page %s by user %s", page.pk, user.pk)
    return submission


def submit(request, catalogue):
    """The public submission form: members of a live organisation, rate-limited; a valid one goes to review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = member_organisations(request.user)
    context = catalogue.get_context(request)
    context["catalogue"] = catalogue
    if not organisations.exists():
        return TemplateResponse(request, "innovations/no_organisation.html", context, status=403)
    form = SubmissionForm(request.POST or None, request.FILES or None, organisations=organisations,
                          initial={"contact_name": request.user.get_full_name(), "contact_email": request.user.email})
    status = 200
    if request.method == "POST":
        if is_ratelimited(request, group="innovations-submit", key="user", rate=RATE, method="POST", increment=True):
            form.add_error(None, _("You have sent many submissions in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            create_innovation(catalogue, request.user, form.cleaned_data)
            messages.success(request, _("Thank you! Your innovation was sent to the Secretariat for review. "
                                        "We will e-mail you about the decision."))
            return redirect(catalogue.url)
        else:
            status = 400
    context["form"] = form
    return TemplateResponse(request, "innovations/submit.html", context, status=status)


def connect():
    """Publication of files and the review e-mails."""
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="innovations_files_published")
    notices.connect("innovations")
