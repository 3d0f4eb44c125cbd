"""Signal handlers of the library: text extraction on upload, refresh on publish, review e-mails."""

from django.db.models.signals import post_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published


def document_saved(sender, instance, created, **kwargs):
    """Queue text extraction for a new document or a replaced file."""
    from .tasks import queue_extraction

    previous = getattr(instance, "_library_file_name", None)
    if created or previous != instance.file.name:
        queue_extraction(instance.pk)
    instance._library_file_name = instance.file.name


def remember_file_name(sender, instance, **kwargs):
    """Remember the stored file's name so that a replaced file can be recognised on save."""
    instance._library_file_name = instance.file.name if instance.file else None


def resource_published(sender, instance, **kwargs):
    """A published revision may carry old attachment text: recompute it from the documents."""
    from .models import ResourcePage
    from .tasks import refresh_attachment_text

    if isinstance(instance, ResourcePage):
        refresh_attachment_text(instance)


def document_text_saved(sender, instance, **kwargs):
    """New text of a document (extracted or typed by an editor): refresh the resources attaching it."""
    from .tasks import refresh_resources_of_document

    refresh_resources_of_document(instance.document_id)


def resource_changed(sender, instance, **kwargs):
    """Any change to what is live in the library makes the cached facet counts stale."""
    from .listing import invalidate_facets
    from .models import ResourcePage

    if isinstance(instance, ResourcePage):
        invalidate_facets()


def connect():
    """Connect the library's handlers (called from LibraryConfig.ready)."""
    from django.db.models.signals import post_init

    document_model = get_document_model()
    post_init.connect(remember_file_name, sender=document_model, dispatch_uid="library_remember_file")
    post_save.connect(document_saved, sender=document_model, dispatch_uid="library_document_saved")
    from .models import DocumentText

    post_save.connect(document_text_saved, sender=DocumentText, dispatch_uid="library_document_text_saved")
    page_published.connect(resource_published, dispatch_uid="library_resource_published")
    from django.db.models.signals import post_delete
    from wagtail.signals import page_unpublished, post_page_move

    from .listing import invalidate_facets
    from .models import ResourcePage, Topic

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(resource_changed, dispatch_uid=f"library_facets_{id(signal)}")
    post_delete.connect(invalidate_facets, sender=ResourcePage, dispatch_uid="library_facets_delete")
    post_save.connect(invalidate_facets, sender=Topic, dispatch_uid="library_facets_topic")
    post_delete.connect(invalidate_facets, sender=Topic, dispatch_uid="library_facets_topic_delete")
