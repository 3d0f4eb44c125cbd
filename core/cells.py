"""Spreadsheet cells that are never read as formulas, and back.

A CSV cell starting with "=", "@", a tab or a carriage return is read as a formula by
spreadsheets, and so is one starting with "+" or "-" unless it is a number or a phone
number ("+48 600 100 200", "-12.5"). Only such cells get a leading apostrophe; the
importer takes it off again, so an export re-imports unchanged. A cell that already
starts with an apostrophe before a formula gets a second one, so the mapping is exact.
"""

import re

ALWAYS_FORMULA = ("=", "@", "\t", "\r")
# "+" or "-", then only digits, spaces and the punctuation of numbers and phone numbers.
NUMBER_LIKE = re.compile(r"[+-][\d\s().,/-]*\Z")


def is_formula(text):
    """True when a spreadsheet would read `text` as a formula (or as a neutralised one)."""
    if text.startswith(ALWAYS_FORMULA):
        return True
    if text.startswith(("+", "-")):
        return not NUMBER_LIKE.match(text)
    return text.startswith("'") and is_formula(text[1:])


def neutralise(value):
    """The CSV text of a cell value, with an apostrophe before anything read as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if is_formula(text) else text


def unneutralise(text):
    """The value that `neutralise` turned into `text`."""
    return text[1:] if text.startswith("'") and is_formula(text[1:]) else text
