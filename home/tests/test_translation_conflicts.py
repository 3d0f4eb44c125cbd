"""Django keeps ONE translation per (context, msgid) for the whole site: when two apps translate the
same English text differently, one of them silently shows the other's word (the meeting's
"capacity" became the organisation's "Możliwości"). Such msgids need a pgettext context."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["pl", "uk"]


def catalogues(language):
    paths = [*ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po"), *ROOT.glob(f"locale/{language}/LC_MESSAGES/django.po")]
    return sorted(path for path in paths if ".venv" not in path.parts and "node_modules" not in path.parts)


def conflicts(language):
    """{(context, msgid): {translation: [catalogues]}} for msgids translated in more than one way."""
    seen = defaultdict(lambda: defaultdict(list))
    for path in catalogues(language):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            value = tuple(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)) if entry.msgid_plural \
                else entry.msgstr
            seen[(entry.msgctxt, entry.msgid)][value].append(str(path.relative_to(ROOT)).split("/locale/")[0] or ".")
    return {key: dict(values) for key, values in seen.items() if len(values) > 1}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_msgid_is_translated_differently_by_two_apps(language):
    found = conflicts(language)
    report = "\n".join(
        f"  {key[1]!r}" + (f" (context {key[0]!r})" if key[0] else "") + ": "
        + "; ".join(f"{value!r} in {', '.join(apps)}" for value, apps in values.items())
        for key, values in sorted(found.items(), key=lambda item: item[0][1])
    )
    assert not found, (f"{len(found)} msgids translated differently in {language} (give each meaning a "
                       f"pgettext context, or use one translation):\n{report}")
