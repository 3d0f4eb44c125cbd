"""Personal data in positions: the hooks of accounts.privacy.

Comments belong to the consultation and signatures to the organisation: on erasure they stay,
without the person (a comment then shows "A member"; who signed is kept only in the audit log).
"""

from .models import Comment, ReminderOptOut, Signature


def export_personal_data(user):
    """The person's consultation comments, the answers they gave, and the signatures they gave."""
    return {
        "position_comments": [
            {"id": comment.pk, "position": comment.position_id, "organisation": comment.organisation.title,
             "paragraph": comment.paragraph, "version": comment.version.number, "text": comment.text,
             "created_at": comment.created_at.isoformat(), "decision": comment.decision, "reason": comment.reason}
            for comment in Comment.objects.filter(author=user).select_related("organisation", "version")
            .order_by("pk")
        ],
        "position_answers": [
            {"comment": comment.pk, "decision": comment.decision, "reason": comment.reason,
             "answered_at": comment.answered_at.isoformat() if comment.answered_at else None}
            for comment in Comment.objects.filter(answered_by=user).order_by("pk")
        ],
        "position_signatures": [
            {"position": signature.position_id, "organisation": signature.organisation.title,
             "signed_at": signature.signed_at.isoformat()}
            for signature in Signature.objects.filter(signed_by=user).select_related("organisation").order_by("pk")
        ],
    }


def erase_personal_data(user):
    """Keep comments, answers and signatures without the person."""
    return {
        "position_comments_anonymised": Comment.objects.filter(author=user).update(author=None),
        "position_answers_anonymised": Comment.objects.filter(answered_by=user).update(answered_by=None),
        "position_signatures_anonymised": Signature.objects.filter(signed_by=user).update(signed_by=None),
        "position_opt_outs_anonymised": ReminderOptOut.objects.filter(by=user).update(by=None),
    }
