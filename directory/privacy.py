"""Personal data held by the directory (hooks of accounts.privacy).

Memberships, invitations and registrations belong to the person; organisation
profiles belong to the organisation and stay (their registrant is anonymised).
"""

from search.signals import reindex

from .models import Invitation, Membership, OrganisationPage, Registration

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


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
    return {"memberships": memberships, "invitations": invitations, "registrations": registrations,
            "contact_person": erase_contact_person(user)}


def erase_contact_person(user):
    """Blank the contact person on organisations that name `user` (by address), in every translation
    and every revision, so that publishing an old revision cannot bring them back; re-index them."""
    if not user.email:
        return 0
    keys = set(OrganisationPage.objects.filter(contact_email__iexact=user.email).values_list("translation_key",
                                                                                              flat=True))
    if not keys:
        return 0
    pages = list(OrganisationPage.objects.filter(translation_key__in=keys))
    OrganisationPage.objects.filter(pk__in=[page.pk for page in pages]).update(**dict.fromkeys(CONTACT_FIELDS, ""))
    for page in pages:
        for revision in page.revisions.all():
            if any(revision.content.get(field) for field in CONTACT_FIELDS):
                revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
                revision.save(update_fields=["content"])
    reindex(OrganisationPage.objects.filter(pk__in=[page.pk for page in pages]))
    return len(keys)
