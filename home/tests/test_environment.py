"""The settings read the environment through one typed table, which the README documents.

cms/settings/environment.py holds the table; the README's "Configuration (environment)"
section must list exactly its names (plus gunicorn's, read by deploy/gunicorn.conf.py),
with the same defaults where the README writes a default as code.
"""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings import environment
from cms.settings.environment import VARIABLES

from .test_production_settings import PRODUCTION, run_python, settings_json

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"`([A-Z][A-Z0-9_]*)`")


def readme_rows():
    """(names, default cell) per row of the README's configuration table."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Configuration (environment)", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            rows.append((NAME.findall(cells[0]), cells[1]))
    return rows


def as_written(value):
    """A table default as the README writes it in code."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(value)
    return str(value)


def test_the_readme_documents_exactly_the_variables_of_the_table():
    documented = {name for names, _ in readme_rows() for name in names}
    gunicorn = {name for name in documented if name.startswith("GUNICORN_")}
    assert documented - gunicorn == set(VARIABLES), (
        f"in the README only: {sorted(documented - gunicorn - set(VARIABLES))}; "
        f"in the table only: {sorted(set(VARIABLES) - documented)}")
    gunicorn_conf = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert gunicorn and all(f'"{name}"' in gunicorn_conf for name in gunicorn)


def test_defaults_written_as_code_in_the_readme_are_the_tables():
    checked = 0
    for names, default in readme_rows():
        literal = re.fullmatch(r"`([^`]*)`", default)
        if len(names) == 1 and literal and names[0] in VARIABLES:
            assert as_written(VARIABLES[names[0]][1]) == literal.group(1), names[0]
            checked += 1
    assert checked >= 10


def test_every_variable_of_the_table_is_read_by_the_settings_and_nothing_else_is():
    sources = "\n".join(path.read_text() for path in (ROOT / "cms" / "settings").glob("*.py")
                        if path.name != "environment.py")
    read = set(re.findall(r"""\b(?:env|require)\(\s*["']([A-Z][A-Z0-9_]*)["']""", sources))
    assert read == set(VARIABLES)
    # Only the xdist worker's name (not configuration) is read directly.
    assert re.findall(r"os\.environ[^\n]*|os\.getenv[^\n]*", sources) == [
        'os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"…; empty in a serial run']


@pytest.mark.parametrize(("name", "raw", "expected"), [
    ("Q_WORKERS", " 6 ", 6),
    ("ELASTICSEARCH_TIMEOUT", "0.5", 0.5),
    ("EMAIL_USE_TLS", "1", True),
    ("AWS_QUERYSTRING_AUTH", "off", False),
    ("ALLOWED_HOSTS", "forum.example.org, www.forum.example.org,", ["forum.example.org", "www.forum.example.org"]),
    # No $VAR expansion: a generated secret may start with "$".
    ("EMAIL_HOST_PASSWORD", "$ecret-$HOME", "$ecret-$HOME"),
])
def test_values_are_parsed_by_their_type(monkeypatch, name, raw, expected):
    monkeypatch.setenv(name, raw)
    assert environment.value(name) == expected


def test_unset_variables_take_the_tables_default_or_the_one_given(monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    monkeypatch.delenv("Q_QUEUE_LIMIT", raising=False)
    assert environment.value("EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"
    assert environment.value("EMAIL_BACKEND", "x.SMTP") == "x.SMTP"
    assert environment.value("Q_QUEUE_LIMIT") is None
    with pytest.raises(KeyError):
        environment.value("NOT_IN_THE_TABLE")


@pytest.mark.parametrize(("name", "raw"), [("Q_WORKERS", "two"), ("Q_BROKER", "rabbit"), ("LOG_LEVEL", "loud")])
def test_a_malformed_value_stops_start_up_naming_the_variable(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=name):
        environment.value(name)


def test_production_requires_its_secrets_even_where_the_base_has_a_default():
    for missing in ("SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"):
        env = {key: value for key, value in PRODUCTION.items() if key != missing}
        result = run_python("from django.conf import settings; settings.DEBUG", setup=False, **env)
        assert result.returncode != 0
        assert f"{missing} must be set in the environment for production" in result.stderr


def test_q_cluster_is_one_dictionary_built_from_the_table():
    q = settings_json("__import__('django.conf').conf.settings.Q_CLUSTER", **PRODUCTION, Q_WORKERS="3",
                      Q_QUEUE_LIMIT="", Q_BROKER="orm")
    # Q_BROKER=orm: the ORM although REDIS_URL is set; an empty Q_QUEUE_LIMIT is unset (twice the workers).
    assert (q["workers"], q["queue_limit"], q["orm"], "redis" in q) == (3, 6, "default", False)
    assert (q["timeout"], q["retry"], q["max_attempts"], q["recycle"], q["save_limit"]) == (300, 360, 5, 500, 1000)
