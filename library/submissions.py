"""Member proposals: the public form that turns into a draft resource under review, and the
e-mails that tell the contributor about each decision in their own language."""

import logging

from anyascii import anyascii
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.keys import ensure_keyed
from accounts.mail import send_to_user
from accounts.roles import secretariat_group

from .forms import ProposalForm
from .models import ResourcePage, ResourceSubmission
from .workflow import review_workflow

logger = logging.getLogger(__name__)
PROPOSALS_COLLECTION_KEY, PROPOSALS_COLLECTION = "library-proposals", "Propozycje do biblioteki"
# The public collection that published proposals' files move to.
LIBRARY_COLLECTION_KEY, LIBRARY_COLLECTION = "library-files", "Biblioteka"
RATE = "10/h"


def unique_slug(parent, title, fallback="resource"):
    """A slug from `title` (transliterated) not yet taken among `parent`'s children."""
    base = slugify(anyascii(title))[:70] or fallback
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _root_collection(key, name, legacy_names=()):
    root = Collection.get_first_root_node()
    return ensure_keyed(Collection, key, name, create=lambda name: root.add_child(name=name),
                        legacy_names=legacy_names)


def private_collection(key, name, groups, legacy_names=()):
    """A top-level collection (found by `key`) whose files only the `groups()` may view.

    Wagtail's document view serves its files to no one else (anonymous visitors and other
    members are sent to log in). Used for the files of submissions under review.
    """
    from wagtail.models import CollectionViewRestriction

    collection = _root_collection(key, name, legacy_names)
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.set(groups())
    return collection


def proposals_collection():
    """The collection of files of proposals under review: viewable by the Secretariat and library editors only
    (the proposer included: they have their own copy)."""
    from .workflow import library_editors

    return private_collection(PROPOSALS_COLLECTION_KEY, PROPOSALS_COLLECTION,
                              lambda: [secretariat_group(), library_editors()], ["Library proposals"])


def store_files(page, files, collection, user):
    """Save uploaded (already checked) files as documents of `collection`, attached to `page` in order."""
    document_model = get_document_model()
    for position, uploaded in enumerate(files or []):
        document = document_model(title=uploaded.name[:255], file=uploaded, collection=collection,
                                  uploaded_by_user=user)
        document._set_document_file_metadata()
        document.save()
        page.attachments.create(document=document, sort_order=position)


def publish_files(page, private, public_key, public_name):
    """Move the files of a published submission from the `private` collection to a public one."""
    documents = get_document_model().objects.filter(
        collection=private, pk__in=page.attachments.values("document_id"))
    moved = documents.update(collection=_root_collection(public_key, public_name))
    if moved:
        logger.info("published %s submitted file(s) of page %s", moved, page.pk)
    return moved


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


# E-mails about review decisions --------------------------------------------------------------

class ReviewNotices:
    """E-mails to the contributor of a member submission about each review decision, in their language.

    `submission_model` has `page` (one-to-one) and `contributor`; `templates` is the folder of the
    messages (submission_received, step_approved, published, rejected). The library and the
    innovations catalogue each have one.
    """

    def __init__(self, submission_model, templates):
        self.submission_model = submission_model
        self.templates = templates

    def notify(self, submission, template, **context):
        """E-mail the contributor of a submission (in their language); silently skip when they are gone."""
        user = submission.contributor
        if user is None or not user.email:
            return 0
        page = submission.page
        return send_to_user(user, f"{self.templates}/{template}", {
            "submission": submission, "title": page.title,
            "url": f"{settings.WAGTAILADMIN_BASE_URL}{page.url}" if page.live and page.url else "",
            **context,
        })

    def submission_of(self, workflow_state):
        """The member submission behind a page's workflow, if any (other workflows are not ours)."""
        from wagtail.models import Page

        if workflow_state.base_content_type.model_class() is not Page or not str(workflow_state.object_id).isdigit():
            return None
        return (self.submission_model.objects.select_related("page", "contributor")
                .filter(page_id=int(workflow_state.object_id)).first())

    def on_task_approved(self, sender, instance, user=None, **kwargs):
        """An intermediate review step passed: tell the contributor what comes next."""
        workflow_state = instance.workflow_state
        if workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
            return  # the last step: on_workflow_approved sends the final message
        submission = self.submission_of(workflow_state)
        if submission:
            transaction.on_commit(lambda: self.notify(submission, "step_approved"))

    def on_workflow_approved(self, sender, instance, user=None, **kwargs):
        """The page was approved and published."""
        submission = self.submission_of(instance)
        if submission:
            transaction.on_commit(lambda: self.notify(submission, "published"))

    def on_workflow_rejected(self, sender, instance, user=None, **kwargs):
        """A reviewer asked for changes or declined: the contributor gets the reviewer's comment."""
        submission = self.submission_of(instance)
        if submission:
            task_state = instance.current_task_state
            comment = task_state.comment if task_state else ""
            transaction.on_commit(lambda: self.notify(submission, "rejected", comment=comment))

    def connect(self, uid):
        """Connect the messages to Wagtail's workflow signals (`uid` tells the apps' receivers apart)."""
        from wagtail.signals import task_approved, workflow_approved, workflow_rejected

        task_approved.connect(self.on_task_approved, dispatch_uid=f"{uid}_task_approved")
        workflow_approved.connect(self.on_workflow_approved, dispatch_uid=f"{uid}_workflow_approved")
        workflow_rejected.connect(self.on_workflow_rejected, dispatch_uid=f"{uid}_workflow_rejected")


notices = ReviewNotices(ResourceSubmission, "library/emails")
notify = notices.notify


def connect():
    """Connect the review e-mails to Wagtail's workflow signals."""
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="library_proposal_files_published")
    notices.connect("library")
