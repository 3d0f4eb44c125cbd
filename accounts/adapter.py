"""django-allauth adapter: the language a person uses, where they land, the e-mails they get, and the
client address of its rate limits."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from core.client_ip import client_ip

from .start import next_step_url, reader_language


class AccountAdapter(DefaultAccountAdapter):
    """Keep the person's language through sign-up, confirmation and log-in, and lead to a next step."""

    def save_user(self, request, user, form, commit=True):
        """Store the interface language at sign-up so later e-mails use it."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        user.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """After log-in (and after confirming, which logs in): the next step in the language used,
        instead of LOGIN_REDIRECT_URL ("/", where the browser's language would decide)."""
        return next_step_url(request, request.user)

    def get_signup_redirect_url(self, request):
        """After the sign-up is complete (with mandatory verification: when confirming logs in)."""
        return next_step_url(request, request.user)

    def get_email_verification_redirect_url(self, email_address):
        """Confirmed but not logged in (another browser): the log-in page in the language used."""
        if self.request.user.is_authenticated:
            return next_step_url(self.request, self.request.user)
        with translation.override(reader_language(self.request, email_address.user)):
            return reverse("account_login")

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails (templates/account/email/) in the recipient's language when they have an
        account, else in the language of the page that sent them."""
        user = context.get("user") or get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", None)
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request):
        """The client's address for allauth's rate limits: the project's one rule (core.client_ip)."""
        return client_ip(request)
