"""Date formats of "uk": one CLDR date pattern for every Django date format (see home.dates)."""

from home.dates import formats_for

globals().update(formats_for("uk"))
