"""Models of the working groups, one module per kind; public names re-exported here."""

from .meetings import ActionItem, MeetingAttachment, MeetingIndexPage, MeetingPage
from .pages import GroupContentPage, GroupIndexPage, GroupLead, WorkingGroupPage
from .people import GroupMembership, GroupSpace, MeetingRegistration

__all__ = [
    "ActionItem", "MeetingAttachment", "MeetingIndexPage", "MeetingPage",
    "GroupContentPage", "GroupIndexPage", "GroupLead", "WorkingGroupPage",
    "GroupMembership", "GroupSpace", "MeetingRegistration",
]
