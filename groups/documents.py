"""A working group's documents: its collection for everyone who may see the group, and
its members-only sub-collection for the group's members, coordinators and the Secretariat.

Wagtail itself refuses to serve a members-only document to anyone else (the
sub-collection's view restriction, see groups.roles.ensure_members_collection), so a
leaked link does not leak the file; listings here never show those documents to others.
"""

from wagtail.documents import get_document_model

from .membership import is_member
from .roles import can_manage_group, space_of


def may_read_members_documents(user, group_page):
    """Members, coordinators and the Secretariat read the members-only documents."""
    return user.is_authenticated and (is_member(user, group_page) or can_manage_group(user, group_page))


def group_documents(user, group_page):
    """(public documents, members-only documents or None when `user` may not see them), newest first."""
    space = space_of(group_page)
    Document = get_document_model()
    if space is None:
        return Document.objects.none(), None
    public = Document.objects.filter(collection_id=space.collection_id).order_by("-created_at", "pk")
    members = None
    if space.members_collection_id and may_read_members_documents(user, group_page):
        members = Document.objects.filter(collection_id=space.members_collection_id).order_by("-created_at", "pk")
    return public, members
