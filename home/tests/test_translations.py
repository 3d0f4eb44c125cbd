"""Every UI string has its Polish and Ukrainian translation."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(
    path
    for path in [*ROOT.glob("*/locale/*/LC_MESSAGES/django.po"), *ROOT.glob("locale/*/LC_MESSAGES/django.po")]
    if path.parts[-3] in {"pl", "uk"} and ".venv" not in path.parts
)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert not missing, f"untranslated in {path}: {missing}"


def test_make_messages_extracts_every_app_into_its_own_catalogue():
    """`make messages` runs makemessages in each app of the Makefile's APPS and once at the top, ignoring
    those apps: an app with a catalogue missing from APPS would have its strings copied into locale/."""
    makefile = (ROOT / "Makefile").read_text()
    apps = set(next(line for line in makefile.splitlines() if line.startswith("APPS :=")).split(":=")[1].split())
    with_catalogue = {path.parts[-5] for path in ROOT.glob("*/locale/pl/LC_MESSAGES/django.po")}
    assert with_catalogue - apps == set()
