"""E-mails of the working groups, each in its recipient's language and about the page in that language."""

from django.conf import settings
from wagtail.models import Locale

from accounts.mail import send_to_user


def localized_for(page, user):
    """`page`'s live translation in the user's language, else `page` itself."""
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or page.locale_id == locale.pk:
        return page
    translation = page.get_translation_or_none(locale)
    return translation.specific if translation is not None and translation.live else page


def absolute_url(page):
    """The page's full URL for e-mails (the admin base URL is the site's public address)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (page.get_url() or "")


def send(user, name, context, **kwargs):
    """Send `groups/emails/<name>` to `user`; callers pass pages already localized."""
    return send_to_user(user, f"groups/emails/{name}", context, **kwargs)
