"""Member submissions of pages reviewed in a Wagtail workflow (library proposals, innovations): the parts
every such app uses. A slug for the draft page, a top-level collection whose files only the reviewers see
until publication, storing the checked files on the page and making them public when it is published, and
the e-mails that tell the contributor about each review decision in their own language.

They sit here, below the domain apps, because several of them take members' submissions (docs/architecture.md
"Layers"); each app keeps its own form, submission model, workflow and collection names.
"""

import logging

from anyascii import anyascii
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection

from .keys import ensure_keyed
from .mail import send_to_user

logger = logging.getLogger(__name__)


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


