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
