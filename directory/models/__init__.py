"""Models of the member directory, one module per concept; public names re-exported here."""

from .membership import Invitation, Membership, Registration, ReminderLog
from .pages import DirectoryIndexPage, OrganisationPage

__all__ = [
    "DirectoryIndexPage", "OrganisationPage",
    "Invitation", "Membership", "Registration", "ReminderLog",
]
