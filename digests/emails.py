"""The e-mails of this app: digests, mailings and the subscription's own messages.

Every message goes through `accounts.mail.build_message`, so it is rendered in the
subscriber's language. Digests and mailings carry RFC 8058 one-click unsubscribe headers.
"""

import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from wagtail.rich_text import expand_db_html

from accounts.mail import build_message
from home import labels

from .models import KINDS, Contact
from .tokens import CONFIRM, CONTACT_UNSUBSCRIBE, MANAGE, UNSUBSCRIBE, make_token



def language_name(code):
    """A language's name in the active language ("Polish", "Польська"…), for translation notes."""
    return labels.language_name(code)


def absolute_url(path):
    """`path` on the public site (e-mails need absolute links)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link(subscription, view_name, purpose, issued_at=None):
    """Absolute URL of a token view, under the subscriber's language prefix (token signed at `issued_at`)."""
    with translation.override(subscription.language):
        return absolute_url(reverse(view_name, args=[make_token(subscription, purpose, issued_at)]))


def _recipient_id(recipient):
    """Subscribers by their id, contact persons by "c" and theirs: the two never share a Message-ID."""
    return f"c{recipient.pk}" if isinstance(recipient, Contact) else str(recipient.pk)


def unsubscribe_link(recipient, issued_at=None):
    """The unsubscribe link of a subscriber (digests and mailings) or a contact person (membership mailings)."""
    if isinstance(recipient, Contact):
        return link(recipient, "digests:contact_unsubscribe", CONTACT_UNSUBSCRIBE, issued_at)
    return link(recipient, "digests:unsubscribe", UNSUBSCRIBE, issued_at)


def message_id(subscription, message_key):
    """The Message-ID of one delivery: its unique pair (subscription or contact, period or mailing key)."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"<{message_key.replace(':', '.')}.{_recipient_id(subscription)}@{domain}>"


def list_headers(subscription, message_key, issued_at=None):
    """List-Unsubscribe (RFC 2369) with one-click POST (RFC 8058), and the message's identity.

    Everything here derives from the delivery: the Message-ID from its unique pair, the Date and
    the links' signed timestamps from `issued_at` (when the delivery was planned). A message
    built again for the same delivery (a re-send after a worker died between the mail server's
    acceptance and "sent" being committed) is byte-identical, so receiving systems that
    deduplicate by Message-ID show it once. Without `issued_at` (previews) the Date is now.
    """
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_link(subscription, issued_at)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Forum Razem <digests.{domain}>",
        "Message-ID": message_id(subscription, message_key),
    }
    if issued_at is not None:
        headers["Date"] = format_datetime(issued_at.astimezone(datetime.timezone.utc))
    return headers


# A digest lists at most this many items of one kind, then says how many more there are: a long
# list helps nobody, and it bounds the work of rendering a digest whatever the week brought.
MAX_PER_SECTION = 15


def digest_entry(item, language, cache=None):
    """What the templates show of one item in `language` (memoised per batch: many readers share it)."""
    cache_key = (item.key, language)
    if cache is not None and cache_key in cache:
        return cache[cache_key]
    text, shown = item.text_for(language)
    with translation.override(language):
        entry = {
            "title": text.title,
            "url": text.url,
            "summary": Truncator(text.summary).words(40),
            "translated": shown == language,
            "shown_language": language_name(shown),
        }
    if cache is not None:
        cache[cache_key] = entry
    return entry


def digest_sections(items, language, cache=None):
    """Items (oldest first) grouped by kind in the order of KINDS, newest first within a kind, each with
    its text in `language` or a note; at most MAX_PER_SECTION per kind."""
    by_kind = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    sections = []
    with translation.override(language):
        for code, label in KINDS:
            kind_items = by_kind.get(code, [])
            if kind_items:
                sections.append({
                    "kind": code,
                    "title": str(label),
                    "entries": [digest_entry(item, language, cache)
                                for item in reversed(kind_items[-MAX_PER_SECTION:])],
                    "more": max(len(kind_items) - MAX_PER_SECTION, 0),
                })
    return sections


def compose_digest(subscription, items, period_key, window_start, window_end, cache=None, issued_at=None):
    """The digest e-mail for `subscription` listing `items` (already selected for them, oldest first);
    `issued_at`: the delivery's planning time, which fixes the message's identity (`list_headers`)."""
    language = subscription.language
    sections = digest_sections(items, language, cache)
    context = {
        "subscription": subscription,
        "sections": sections,
        "item_count": len(items),
        "untranslated_count": sum(not entry["translated"] for section in sections for entry in section["entries"]),
        "window_start": window_start,
        "window_end": window_end,
        "frequency": subscription.frequency,
        "unsubscribe_url": link(subscription, "digests:unsubscribe", UNSUBSCRIBE, issued_at),
        "preferences_url": link(subscription, "digests:manage", MANAGE, issued_at),
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }
    headers = list_headers(subscription, f"digest:{period_key}", issued_at)
    return build_message(subscription.email, "digests/emails/digest", context, language, headers=headers)


def html_to_text(html):
    """Plain-text version of an editor's rich text: paragraphs kept, links written out."""
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.find_all("a"):
        href = anchor.get("href")
        if href and href != anchor.get_text():
            anchor.append(f" ({href})")
    for tag in soup.find_all(["p", "h2", "h3", "li", "br", "hr"]):
        tag.insert_before("\n")
        if tag.name == "li":
            tag.insert(0, "- ")
    lines = [line.strip() for line in soup.get_text().splitlines()]
    return "\n".join(line for line in lines if line) + "\n"


def mailing_context(mailing, language, unsubscribe_url, preferences_url):
    """What the mailing templates (and the admin preview) need for one language."""
    subject, body, shown = mailing.version(language)
    # The editor's Draftail output is already clean; nh3 keeps anything written around it out of e-mails.
    html = nh3.clean(expand_db_html(body), link_rel=None)
    with translation.override(language):
        shown_language = language_name(shown)
    return {
        "mailing": mailing,
        "subject": subject,
        "body_html": html,
        "body_text": html_to_text(html),
        "translated": shown == language,
        "shown_language": shown_language,
        "language": language,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
    }


def compose_mailing(subscription, mailing, issued_at=None):
    """The mailing e-mail for one subscriber, in their language (Polish when their version is missing);
    `issued_at` as for `compose_digest`."""
    context = mailing_context(
        mailing, subscription.language,
        unsubscribe_url=link(subscription, "digests:unsubscribe", UNSUBSCRIBE, issued_at),
        preferences_url=link(subscription, "digests:manage", MANAGE, issued_at),
    )
    headers = list_headers(subscription, f"mailing:{mailing.pk}", issued_at)
    return build_message(
        subscription.email, "digests/emails/mailing", context, subscription.language, headers=headers
    )


def compose_contact_mailing(contact, mailing, issued_at=None):
    """The mailing e-mail for a member organisation's contact person, in their language, with their
    unsubscribe link (no digest preferences: they are not subscribers); `issued_at` as above."""
    context = mailing_context(mailing, contact.language, unsubscribe_url=unsubscribe_link(contact, issued_at),
                              preferences_url="")
    context["is_contact"] = True
    headers = list_headers(contact, f"mailing:{mailing.pk}", issued_at)
    return build_message(contact.email, "digests/emails/mailing", context, contact.language, headers=headers)


def compose_mailing_test(mailing, email, language):
    """A test copy of a mailing for the editor, marked as such, without working links."""
    context = mailing_context(mailing, language, unsubscribe_url="#", preferences_url="#")
    context["is_test"] = True
    return build_message(email, "digests/emails/mailing", context, language)


def send_confirmation(subscription):
    """The double opt-in e-mail: one link that confirms the subscription."""
    context = {"subscription": subscription, "confirm_url": link(subscription, "digests:confirm", CONFIRM),
               "site_url": settings.WAGTAILADMIN_BASE_URL}
    return build_message(subscription.email, "digests/emails/confirm", context, subscription.language).send()


def send_manage_link(subscription):
    """An e-mail with a link to the subscription's preferences (asked for, or subscribing again)."""
    context = {"subscription": subscription, "preferences_url": link(subscription, "digests:manage", MANAGE),
               "unsubscribe_url": link(subscription, "digests:unsubscribe", UNSUBSCRIBE),
               "site_url": settings.WAGTAILADMIN_BASE_URL}
    return build_message(subscription.email, "digests/emails/manage", context, subscription.language).send()


