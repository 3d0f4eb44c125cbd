"""Versions of a position's authoritative text, and a readable paragraph diff between two of them.

Each publication of the canonical (Polish) page whose title or paragraphs changed becomes a new
PositionVersion; earlier ones stay. The diff matches paragraphs with difflib and, inside a
changed paragraph, marks the words removed and added.
"""

import difflib
import re

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import PhaseOpened, PositionPage, PositionVersion

WORDS = re.compile(r"\s+|[^\s]+")
# Two paragraphs at least this similar are one paragraph changed, not one removed and one added.
SIMILAR = 0.5


def paragraphs(pairs):
    """A text value from [(paragraph id, text)]: translations and new versions keep the ids.

    Here, not in factories.py: the demo data (load_demo_data, `make run`, the production image)
    uses it, and factory_boy is a test-only package."""
    return [{"type": "paragraph", "value": text, "id": pid} for pid, text in pairs]


# What every translation shares with the authoritative page (wagtail-localize synchronises them only
# when a translator syncs; readers must never see a translation in another phase).
SHARED_FIELDS = ("kind", "reference", "phase", "consultation_closes_at", "signing_closes_at", "show_summary")


def share_phase(page):
    """Make the live rows of the position's translations agree with its authoritative page on SHARED_FIELDS
    (after either is published; a translation published later takes them from the authoritative page)."""
    canonical = page.canonical
    values = {name: getattr(canonical, name) for name in SHARED_FIELDS}
    others = PositionPage.objects.filter(translation_key=page.translation_key).exclude(pk=canonical.pk)
    if canonical.pk != page.pk:
        others = others.filter(pk=page.pk)
        for name, value in values.items():
            setattr(page, name, value)
    others.update(**values)


def record_publication(page, user=None):
    """After `page` was published: its translations' phase, a new version of its text if it changed,
    and its phase's opening."""
    page = page.specific if not isinstance(page, PositionPage) else page
    share_phase(page)
    canonical = page.canonical
    if canonical.pk != page.pk:
        return None
    with transaction.atomic():
        # Locks the position's row: two publications at once number their versions one after the other.
        PositionPage.objects.select_for_update().filter(pk=page.pk).first()
        if page.phase in (PositionPage.Phase.CONSULTATION, PositionPage.Phase.SIGNING):
            PhaseOpened.objects.get_or_create(position=page, phase=page.phase)
        paragraphs = [list(pair) for pair in page.paragraphs()]
        last = PositionVersion.objects.filter(position=page).order_by("-number").first()
        if last is not None and last.paragraphs == paragraphs and last.title == page.title:
            return last
        return PositionVersion.objects.create(
            position=page, number=(last.number + 1) if last else 1, title=page.title[:255],
            paragraphs=paragraphs, created_by=user if getattr(user, "pk", None) else None,
        )


def _words_diff(old, new):
    """HTML of one changed paragraph: removed words in <del>, added ones in <ins>, the rest escaped."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return mark_safe("".join(parts))


def _replaced(old, new):
    """Rows of a block of paragraphs replaced by others: each old paragraph is paired, in order, with
    the next similar new one (changed); new ones skipped over are added, unpaired old ones removed."""
    rows, j = [], 0
    for text in old:
        match = next((k for k in range(j, len(new))
                      if difflib.SequenceMatcher(None, text, new[k], autojunk=False).ratio() >= SIMILAR), None)
        if match is None:
            rows.append({"change": "removed", "html": escape(text)})
            continue
        rows += [{"change": "added", "html": escape(added)} for added in new[j:match]]
        rows.append({"change": "changed", "html": _words_diff(text, new[match])})
        j = match + 1
    rows += [{"change": "added", "html": escape(added)} for added in new[j:]]
    return rows


def paragraph_diff(old_paragraphs, new_paragraphs):
    """[{"change": "same"|"changed"|"added"|"removed", "html": …}] from one version's paragraphs to another's.

    Paragraphs are matched by their text; a paragraph replaced by a similar one (SIMILAR) is shown
    as changed, word by word; anything else as removed and added paragraphs.
    """
    old = [text for _pid, text in old_paragraphs]
    new = [text for _pid, text in new_paragraphs]
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [{"change": "same", "html": escape(text)} for text in old[i1:i2]]
        elif op == "replace":
            rows += _replaced(old[i1:i2], new[j1:j2])
        else:
            rows += [{"change": "removed", "html": escape(text)} for text in old[i1:i2]]
            rows += [{"change": "added", "html": escape(text)} for text in new[j1:j2]]
    return rows
