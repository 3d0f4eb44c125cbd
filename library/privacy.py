"""Personal data held by the library (hooks of accounts.privacy): the person's proposed resources.

A proposal becomes library content once reviewed: the resource stays, its contributor is
anonymised and their note to the editors (free text about themselves, often) is blanked.
"""

from .models import ResourceSubmission


def export_personal_data(user):
    """The resources the person proposed, with their note and where the review stands."""
    return {
        "submissions": [
            {"resource": submission.page.title, "note": submission.note,
             "submitted_at": submission.submitted_at.isoformat(),
             "published": submission.page.live}
            for submission in ResourceSubmission.objects.filter(contributor=user).select_related("page")
        ],
    }


def erase_personal_data(user):
    """Keep the proposed resources; drop the contributor and their note."""
    return {"submissions_anonymised": ResourceSubmission.objects.filter(contributor=user).update(
        contributor=None, note="")}
