"""Personal data held by the directory (hooks of accounts.privacy).

Memberships, invitations and registrations belong to the person; organisation
profiles belong to the organisation and stay (their registrant is anonymised).
"""

from .models import Invitation, Membership, Registration


def export_personal_data(user):
    """The person's memberships, invitations sent or received, and registrations."""
    return {
        "memberships": [
            {"organisation": m.organisation.title, "role": m.role, "since": m.created_at.isoformat(),
             "notify_matches": m.notify_matches}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations": [
            {"organisation": i.organisation.title, "email": i.email, "role": i.role,
             "sent": i.created_at.isoformat(), "accepted": i.accepted_at.isoformat() if i.accepted_at else None}
            for i in (Invitation.objects.filter(invited_by=user) | Invitation.objects.filter(email__iexact=user.email))
            .select_related("organisation").distinct()
        ],
        "registrations": [
            {"organisation": r.organisation.title, "status": r.status, "submitted": r.submitted_at.isoformat()}
            for r in Registration.objects.filter(user=user).select_related("organisation")
        ],
    }


def erase_personal_data(user):
    """Remove the person's memberships and invitations; keep registrations without their name."""
    memberships, _ = Membership.objects.filter(user=user).delete()
    invitations, _ = Invitation.objects.filter(email__iexact=user.email).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    registrations = Registration.objects.filter(user=user).update(user=None)
    return {"memberships": memberships, "invitations": invitations, "registrations": registrations}
