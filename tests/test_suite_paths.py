"""The suite `make test` runs (pyproject's testpaths, no paths given) covers every app's tests."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_folder_with_tests_is_in_testpaths():
    """A new app's tests/ folder missing from testpaths would never run in CI (positions and
    innovations did not, for a session)."""
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    with_tests |= {"tests"}
    covered = {path.split("/")[0] for path in testpaths}
    assert with_tests - covered == set()
