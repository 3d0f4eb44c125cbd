"""Models of member updates and group discussions; public names re-exported here."""

from .discussions import MAX_POST_LENGTH, MAX_TITLE_LENGTH, Post, Report, Thread, ThreadSubscription
from .updates import MAX_UPDATE_LENGTH, OrganisationUpdate

__all__ = [
    "MAX_POST_LENGTH", "MAX_TITLE_LENGTH", "MAX_UPDATE_LENGTH",
    "OrganisationUpdate", "Post", "Report", "Thread", "ThreadSubscription",
]
