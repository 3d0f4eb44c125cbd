"""Models of the member directory, one module per concept; public names re-exported here."""

from .coverage import CoverageSettings
from .entry import DirectoryEntry
from .imports import ImportLine, ImportRun
from .membership import Invitation, Membership, Registration, ReminderLog
from .pages import DirectoryIndexPage, OrganisationPage
from .support import MatchNotification, Partnership, SupportItem

__all__ = [
    "DirectoryIndexPage", "OrganisationPage", "DirectoryEntry", "ImportRun", "ImportLine",
    "Invitation", "Membership", "Registration", "ReminderLog",
    "MatchNotification", "Partnership", "SupportItem", "CoverageSettings",
]
