"""Dates in the reader's language from CLDR (through Babel): one date format per language.

Django's own locale formats mix several styles on one page ("6 grudnia 2026", "06.12.2026",
and the ambiguous "12/06/2026" on /en/). The project's format modules (cms/formats/<lang>/)
set every Django date format of a language from ONE CLDR pattern, converted here to
Django's format characters, so that `|date`, `{{ date }}` and `formats.date_format` agree:
a date is CLDR's "long" date, a time CLDR's "short" time, and a date with a time is the two
joined by CLDR's "medium" date-time pattern.

`relative_day` says "today", "yesterday" or "3 days ago" (CLDR plurals through Babel).
"""

import datetime
import re

from babel import Locale
from babel.dates import format_timedelta
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# CLDR pattern field -> Django format character (only the fields the patterns we use contain).
_FIELDS = {
    "d": "j", "dd": "d", "M": "n", "MM": "m", "MMM": "M", "MMMM": "E", "LLLL": "F",
    "y": "Y", "yyyy": "Y", "yy": "y", "H": "G", "HH": "H", "h": "g", "hh": "h",
    "m": "i", "mm": "i", "s": "s", "ss": "s", "a": "A", "EEEE": "l", "EEE": "D",
}
_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)


def django_format(cldr_pattern):
    """A CLDR date/time pattern ("d MMMM y 'р'.") as a Django format string ("j E Y \\р.")."""
    out = []
    for match in _TOKEN.finditer(cldr_pattern):
        token = match.group(0)
        if token.startswith("'"):
            literal = token[1:-1].replace("''", "'") if len(token) > 1 else ""
            out.append("".join("\\" + ch if ch.isalpha() else ch for ch in literal) or "'")
        elif match.group(1):
            if token not in _FIELDS:
                raise ValueError(f"CLDR field {token!r} has no Django equivalent")
            out.append(_FIELDS[token])
        else:
            out.append(token)
    return "".join(out)


def formats_for(language):
    """Django's date format settings of `language`, all from one CLDR date and one time pattern."""
    locale = Locale.parse(language)
    date = django_format(locale.date_formats["long"].pattern)
    time = django_format(locale.time_formats["short"].pattern)
    date_time = str(locale.datetime_formats["medium"]).replace("{1}", date).replace("{0}", time)
    return {
        "DATE_FORMAT": date, "SHORT_DATE_FORMAT": date,
        "DATETIME_FORMAT": date_time, "SHORT_DATETIME_FORMAT": date_time,
        "TIME_FORMAT": time,
    }


def relative_day(value, today=None):
    """"today", "yesterday" or "N days ago" (CLDR plural forms) for a date or datetime in the past."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    today = today or timezone.localdate()
    days = (today - value).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    language = (get_language() or "pl").split("-")[0]
    return format_timedelta(datetime.timedelta(days=-days), granularity="day", threshold=10**6,
                            add_direction=True, locale=language)
