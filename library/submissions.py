"""Member proposals: the public form that turns into a draft resource under review, and the
e-mails that tell the contributor about each decision in their own language."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.models import Collection

from accounts.roles import secretariat_group
from accounts.submissions import ReviewNotices, private_collection, publish_files, store_files, unique_slug

from .forms import ProposalForm
from .models import ResourcePage, ResourceSubmission
from .workflow import review_workflow

logger = logging.getLogger(__name__)
PROPOSALS_COLLECTION_KEY, PROPOSALS_COLLECTION = "library-proposals", "Propozycje do biblioteki"
# The public collection that published proposals' files move to.
LIBRARY_COLLECTION_KEY, LIBRARY_COLLECTION = "library-files", "Biblioteka"
RATE = "10/h"


def proposals_collection():
    """The collection of files of proposals under review: viewable by the Secretariat and library editors only
    (the proposer included: they have their own copy)."""
    from .workflow import library_editors

    return private_collection(PROPOSALS_COLLECTION_KEY, PROPOSALS_COLLECTION,
                              lambda: [secretariat_group(), library_editors()], ["Library proposals"])


def publish_proposal_files(page):
    """Move the files of a published proposal from the private collection to the library's public one."""
    return publish_files(page, proposals_collection(), LIBRARY_COLLECTION_KEY, LIBRARY_COLLECTION)


def on_page_published(sender, instance, **kwargs):
    """page_published: a resource that came from a proposal makes its files public."""
    if isinstance(instance, ResourcePage) and ResourceSubmission.objects.filter(page_id=instance.pk).exists():
        publish_proposal_files(instance)


def secure_proposal_files(**kwargs):
    """post_migrate: restrict the proposals collection and publish the files of proposals already live."""
    if Collection.get_first_root_node() is None:
        return
    proposals_collection()
    for page in ResourcePage.objects.live().filter(submission__isnull=False):
        publish_proposal_files(page)


def _body(description):
    """Plain text paragraphs → paragraph blocks; the text is escaped, never trusted as HTML."""
    return [{"type": "paragraph", "value": f"<p>{escape(part.strip())}</p>"}
            for part in description.split("\n\n") if part.strip()]


@transaction.atomic
def create_proposal(library, user, data):
    """Create the draft resource, its files and the submission record; start the review workflow."""
    collection = proposals_collection()
    page = ResourcePage(
        title=data["title"], slug=unique_slug(library, data["title"]), locale_id=library.locale_id,
        resource_type=data["resource_type"], summary=data["summary"], body=_body(data.get("description") or ""),
        publisher_name=data.get("publisher_name") or "", authors=data.get("authors") or "",
        publication_date=data.get("publication_date") or timezone.localdate(),
        live=False, owner=user,
    )
    library.add_child(instance=page)
    page.sectors.set(data.get("sectors") or [])
    page.target_groups.set(data.get("target_groups") or [])
    page.languages.set(data.get("languages") or [])
    for name in data.get("topics") or []:
        page.topics.add(name)
    store_files(page, data.get("files"), collection, user)
    page.save()
    revision = page.save_revision(user=user, log_action=True)
    submission = ResourceSubmission.objects.create(page=page, contributor=user, note=data.get("note") or "")
    # The contributor hears from us in their language (below), not through Wagtail's admin
    # notifications, whose links lead into an admin they cannot open.
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=user, defaults={"approved_notifications": False,
                                                              "rejected_notifications": False})
    review_workflow().start(page, user)
    transaction.on_commit(lambda: notify(submission, "submission_received"))
    logger.info("resource proposed: page %s revision %s by user %s", page.pk, revision.pk, user.pk)
    return submission


def propose(request, library):
    """The public proposal form (logged-in members, rate-limited); a valid proposal goes to review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ProposalForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if is_ratelimited(request, group="library-propose", key="user", rate=RATE, method="POST", increment=True):
            form.add_error(None, _("You have sent many proposals in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            create_proposal(library, request.user, form.cleaned_data)
            messages.success(request, _("Thank you! Your proposal was sent to the library editors. "
                                        "We will e-mail you about their decision."))
            return redirect(library.url)
        else:
            status = 400
    context = library.get_context(request)
    context.update({"form": form, "library": library})
    return TemplateResponse(request, "library/propose.html", context, status=status)


notices = ReviewNotices(ResourceSubmission, "library/emails")
notify = notices.notify


def connect():
    """Connect the review e-mails to Wagtail's workflow signals."""
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="library_proposal_files_published")
    notices.connect("library")
