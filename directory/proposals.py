"""Partnership proposals seen from one's own organisations: sent and received, with their state."""

from django.db.models import Q

from .models import Partnership


def proposals_for(organisation_ids):
    """{"sent": [...], "received": [...]} for the organisations (default-language page ids), newest first.

    Each entry is a dict: `partnership`, `mine` (our item), `other` (theirs) and `can_answer`
    (received and still proposed: the dashboard shows the accept and decline buttons).
    """
    ids = set(organisation_ids)
    board = {"sent": [], "received": []}
    if not ids:
        return board
    rows = (
        Partnership.objects.filter(Q(need__organisation_id__in=ids) | Q(offer__organisation_id__in=ids))
        .select_related("need__organisation", "offer__organisation", "proposed_by")
        .order_by("-created_at")
    )
    for partnership in rows:
        ours_is_need = partnership.need.organisation_id in ids
        mine, other = (partnership.need, partnership.offer) if ours_is_need else (partnership.offer, partnership.need)
        sent = partnership.proposed_by_id in ids
        board["sent" if sent else "received"].append({
            "partnership": partnership, "mine": mine, "other": other,
            "can_answer": not sent and partnership.status == Partnership.PROPOSED,
        })
    return board
