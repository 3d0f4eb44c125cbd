"""Plain text written by members: cleaned on input, rendered safely (paragraphs and links, never raw HTML)."""

import re

from django.utils.html import format_html_join, urlize
from django.utils.safestring import mark_safe

# Bidirectional embedding/override/isolate controls: they can make text read backwards
# (U+202E) and hide what a link or file name really is; ordinary pl/uk/en text never needs them.
EMBEDDING_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f"
BIDI_CONTROLS = re.compile(f"[{EMBEDDING_CONTROLS}\u061c]")
# What the forms of the directory and the catalogue strip (they never listed U+061C).
FORM_BIDI_CONTROLS = re.compile(f"[{EMBEDDING_CONTROLS}]")
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BLANK_LINES = re.compile(r"\n\s*\n")


def clean_text(text):
    """Normalise line ends and drop invisible control characters; strip surrounding blanks."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARS.sub("", BIDI_CONTROLS.sub("", text)).strip()


def strip_bidi(value):
    """Strip bidi control characters and surrounding blanks from typed text (form fields)."""
    return FORM_BIDI_CONTROLS.sub("", value or "").strip()


def _paragraph(text):
    # urlize escapes everything that is not a link it creates itself.
    return mark_safe(urlize(text, trim_url_limit=60, nofollow=True, autoescape=True).replace("\n", "<br>"))


def render_text(text):
    """HTML of a member's text: one <p> per blank-line-separated paragraph, links made clickable."""
    paragraphs = [part.strip() for part in BLANK_LINES.split(clean_text(text)) if part.strip()]
    return format_html_join("\n", "<p>{}</p>", ((_paragraph(part),) for part in paragraphs))
