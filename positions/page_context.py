"""What a position's page shows to each reader: the text, the consultation, the versions, the signatures.

The public reads the text, the status, the signing organisations with their voivodeships and (when
the owners chose so) the consultation's summary. Members also read every comment with its person
and organisation; owners answer them; managers sign; the Secretariat also sees who signed.
"""

from django.conf import settings

from home.models import Voivodeship
from home.tiles import TILE_COLUMNS, TILE_ROWS, TILES

from .models import Comment, PositionVersion, Signature
from .permissions import is_owner, reader_organisations, sees_signers


def authoritative_page(page):
    """The Polish page of the position (the binding text), None when it is missing or not live."""
    if page.is_authoritative:
        return page
    return type(page).objects.live().filter(translation_key=page.translation_key,
                                            locale__language_code=settings.LANGUAGE_CODE).first()


def signatures_of(position, with_signers=False):
    """The position's signatures with their organisations' voivodeships, by organisation name."""
    signatures = Signature.objects.filter(position=position.canonical).select_related(
        "organisation__voivodeship", *(["signed_by"] if with_signers else []))
    return signatures.order_by("organisation__title", "pk")


def voivodeship_counts(signatures):
    """[{"code", "label", "count", "x", "y"}] for all 16 voivodeships (tile map + table), from `signatures`."""
    counts = {}
    for signature in signatures:
        voivodeship = signature.organisation.voivodeship
        if voivodeship is not None:
            counts[voivodeship.code] = counts.get(voivodeship.code, 0) + 1
    labels = Voivodeship.labels()
    return [{"code": code, "label": str(labels.get(code, code)), "count": counts.get(code, 0),
             "x": x * 110, "y": y * 80, "shade": min(counts.get(code, 0), 4)} for code, (x, y) in TILES.items()]


def position_context(request, page):
    """The template context of a position's page for `request.user`."""
    user = request.user
    canonical = page.canonical
    owner = is_owner(user, page)
    # The reader's organisations and those they manage, in one query.
    organisations, managed = reader_organisations(user)
    secretariat = sees_signers(user)
    members = bool(organisations) or owner or secretariat
    context = {
        "position": page,
        "status": page.status(),
        "authoritative": authoritative_page(page),
        "is_owner": owner,
        "reads_comments": members,
        "paragraph_list": page.paragraphs(),
        "versions": list(PositionVersion.objects.filter(position=canonical).order_by("number")
                         .values("number", "created_at")),
    }
    if members:
        comments = list(Comment.objects.filter(position=canonical).select_related(
            "author", "organisation", "version").order_by("created_at", "pk"))
        by_paragraph = {}
        for comment in comments:
            by_paragraph.setdefault(comment.paragraph, []).append(comment)
        known = {pid for pid, _text in context["paragraph_list"]}
        context.update({
            "comments_by_paragraph": by_paragraph,
            "orphan_comments": [c for c in comments if c.paragraph not in known],
            "comment_count": len(comments),
            "decisions": Comment.Decision,
        })
        if page.consultation_open():
            context["my_organisations"] = organisations
    signatures = list(signatures_of(page, with_signers=secretariat))
    context.update({
        "signatures": signatures,
        "voivodeships": voivodeship_counts(signatures),
        "tile_width": TILE_COLUMNS * 110, "tile_height": TILE_ROWS * 80,
        "sees_signers": secretariat,
    })
    signed = {signature.organisation_id for signature in signatures}
    context["managed_organisations"] = [(organisation, organisation.pk in signed) for organisation in managed]
    return context
