"""Models of the joint positions, one module per concern; public names re-exported here."""

from .consultation import COMMENT_MAX_LENGTH, Comment, PhaseOpened, PositionVersion
from .pages import PositionIndexPage, PositionPage
from .signing import Reminder, ReminderOptOut, Signature

__all__ = [
    "COMMENT_MAX_LENGTH", "Comment", "PhaseOpened", "PositionVersion", "PositionIndexPage", "PositionPage",
    "Reminder", "ReminderOptOut", "Signature",
]
