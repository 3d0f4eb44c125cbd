"""Models of the knowledge library, one module per kind; public names re-exported here."""

from .collections import CollectionItem, ResourceCollection
from .documents import DocumentText
from .pages import LICENCES, LibraryIndexPage, ResourceAttachment, ResourcePage
from .submissions import ResourceSubmission
from .topics import TaggedResource, Topic

__all__ = [
    "CollectionItem", "ResourceCollection", "DocumentText", "LICENCES", "LibraryIndexPage", "ResourceAttachment",
    "ResourcePage", "ResourceSubmission", "TaggedResource", "Topic",
]
