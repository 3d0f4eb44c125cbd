"""E-mails to people in their own language.

A message is three templates sharing a prefix: `<prefix>_subject.txt`,
`<prefix>.txt` and, optionally, `<prefix>.html`. They are rendered with the
recipient's language active, so `{% translate %}` and model translations follow it.
"""

import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


class StableMessage(EmailMultiAlternatives):
    """A message whose bytes depend only on its content and headers.

    With a Message-ID (and Date) given in its headers, the MIME boundaries derive from them
    instead of being random, so the same message built twice is byte-identical: a re-send
    after a crash is recognisable, and comparable, as the same message.
    """

    def message(self):
        msg = super().message()
        identity = self.extra_headers.get("Message-ID")
        if identity:
            for index, part in enumerate(msg.walk()):
                if part.is_multipart():
                    digest = hashlib.sha256(f"{identity}/{index}".encode()).hexdigest()[:40]
                    part.set_boundary(f"=_razem_{digest}")
        return msg


def render_message(template_prefix, context, language):
    """Return (subject, text, html or None) rendered in `language`."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def build_message(to, template_prefix, context, language=None, headers=None, attachments=()):
    """Build (not send) an e-mail to one address in `language` (default: the site's)."""
    language = language or settings.LANGUAGE_CODE
    subject, text, html = render_message(template_prefix, {**context, "language": language}, language)
    message = StableMessage(
        subject=f"[Forum Razem] {subject}", body=text, to=[to], headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_to_user(user, template_prefix, context=None, **kwargs):
    """Send one e-mail to `user` in their preferred language; returns the number sent.

    Nothing goes to an inactive account: an erased person's address is gone, and a task
    queued before the erasure (a reply notification, a reminder) must not reach anyone.
    """
    if not user.is_active or not user.email:
        return 0
    context = {"user": user, "site_url": settings.WAGTAILADMIN_BASE_URL, **(context or {})}
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    return build_message(user.email, template_prefix, context, language, **kwargs).send()


def send_to_users(users, template_prefix, context=None, **kwargs):
    """Send the same message to several people, each in their own language."""
    return sum(send_to_user(user, template_prefix, context, **kwargs) for user in users)
