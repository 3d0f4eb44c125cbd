"""Positions opening for consultation or for signature, for digests (the content-source protocol of
digests.sources): one item per position and phase, when the phase opened."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from digests.sources import DigestItem, ItemText
from digests.visibility import page_audiences

from .models import PhaseOpened, PositionPage


def _summary(page, phase, language):
    with translation.override(language):
        deadline = page.consultation_closes_at if phase == PositionPage.Phase.CONSULTATION else page.signing_closes_at
        label = _("Consultation with members") if phase == PositionPage.Phase.CONSULTATION else _("Open for signature")
        when = f" · {_('until')} {formats.date_format(timezone.localtime(deadline), 'DATETIME_FORMAT')}" if deadline else ""
        return f"{label}{when}" + (f" · {page.introduction}" if page.introduction else "")


def digest_items(start, end):
    """Positions whose consultation or signing opened in [start, end), with every live translation (3 queries)."""
    openings = list(PhaseOpened.objects.filter(at__gte=start, at__lt=end).select_related("position"))
    if not openings:
        return []
    keys = {opening.position.translation_key for opening in openings}
    pages = list(PositionPage.objects.live().filter(translation_key__in=keys).select_related("locale")
                 .order_by("pk"))
    audiences = page_audiences(pages)
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    items = []
    for opening in openings:
        translations = by_key.get(opening.position.translation_key, [])
        if not translations or translations[0].phase != opening.phase:
            continue  # unpublished since, or already in another phase: nothing to announce
        original = translations[0]
        texts = {}
        for page in translations:
            if audiences[page.pk] == audiences[original.pk]:
                language = page.locale.language_code
                texts.setdefault(language, ItemText(title=page.title, url=page.get_full_url(),
                                                    summary=_summary(page, opening.phase, language)))
        items.append(DigestItem(
            key=f"positions:{original.pk}:{opening.phase}", kind="positions", published_at=opening.at, texts=texts,
            original_language=original.locale.language_code, audience=audiences[original.pk],
        ))
    return items
