"""#26: the apps are layered (docs/architecture.md, .importlinter): import-linter checks every import."""

import configparser
from pathlib import Path

from django.conf import settings
from importlinter.cli import lint_imports

CONFIG = Path(settings.BASE_DIR) / ".importlinter"


def test_every_app_imports_only_the_layers_below_it(capsys):
    code = lint_imports(config_filename=str(CONFIG), no_cache=True)
    assert code == 0, capsys.readouterr().out


def test_every_app_has_its_layer():
    config = configparser.ConfigParser()
    config.read(CONFIG)
    packages = set(config["importlinter"]["root_packages"].split())
    layered = {app.strip() for line in config["importlinter:contract:layers"]["layers"].split("\n")
               for app in line.split("|") if app.strip()}
    assert packages == layered == {*settings.LOCAL_APPS, "cms"}
