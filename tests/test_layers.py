"""#26: which app may import which (docs/architecture.md "Layers", .importlinter): import-linter checks every import."""

import configparser
from pathlib import Path

from django.conf import settings
from importlinter.cli import lint_imports

CONFIG = Path(settings.BASE_DIR) / ".importlinter"
# What each domain app may import of the other domain apps (the reasons: docs/architecture.md, .importlinter).
# A new edge is a decision: add it here, to its contract and to the docs.
DOMAIN_EDGES = {
    "library": set(),
    "directory": set(),
    "groups": set(),
    "community": set(),
    "positions": set(),
    "innovations": set(),
}


def read_config():
    config = configparser.ConfigParser()
    config.read(CONFIG)
    return config


def names(value):
    return {name.strip() for line in value.split("\n") for name in line.replace(":", "|").split("|") if name.strip()}


def test_every_app_imports_only_what_its_contracts_allow(capsys):
    code = lint_imports(config_filename=str(CONFIG), no_cache=True)
    assert code == 0, capsys.readouterr().out


def test_every_app_has_its_layer():
    config = read_config()
    packages = names(config["importlinter"]["root_packages"])
    layers = [names(line) for line in config["importlinter:contract:layers"]["layers"].split("\n") if line.strip()]
    assert packages == set().union(*layers) == {*settings.LOCAL_APPS, "cms"}
    assert set(DOMAIN_EDGES) in layers, "the domain apps share one layer; their contracts say what each imports"


def test_every_domain_app_has_its_contract_with_exactly_the_allowed_edges():
    config = read_config()
    contracts = {}
    for section in config.sections():
        if section.startswith("importlinter:contract:") and config[section]["type"] == "forbidden":
            sources = names(config[section]["source_modules"])
            assert len(sources) == 1, f"{section}: one app per contract"
            assert sources.isdisjoint(contracts), f"{section}: a second contract for {sources}"
            contracts[sources.pop()] = names(config[section]["forbidden_modules"])
    assert set(contracts) == set(DOMAIN_EDGES)
    for app, forbidden in contracts.items():
        assert forbidden == set(DOMAIN_EDGES) - {app} - DOMAIN_EDGES[app], app
