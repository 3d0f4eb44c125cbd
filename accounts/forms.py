"""Forms of the accounts app: sign-up consent, acceptance of new versions, account deletion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .consent import legal_links, record_consent
from .models import ConsentRecord

TERMS_TEXT = _("I accept the terms of use and the privacy policy of Forum Razem.")


class SignupConsentForm(forms.Form):
    """Extra sign-up fields (allauth's ACCOUNT_SIGNUP_FORM_CLASS): consent to the terms."""

    accept_terms = forms.BooleanField(
        label=TERMS_TEXT, error_messages={"required": _("You need to accept the terms to create an account.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].help_text = legal_links()

    def signup(self, request, user):
        """Record the consent given on the sign-up form (allauth calls this after saving the user)."""
        for purpose in (ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY):
            record_consent(user, purpose, TERMS_TEXT, ConsentRecord.Method.SIGNUP)


class AcceptDocumentsForm(forms.Form):
    """Acceptance of the current versions of the terms and the privacy policy."""

    accept = forms.BooleanField(
        label=_("I have read and accept the new versions."),
        error_messages={"required": _("Accept the new versions to continue, or log out.")},
    )


class DeleteAccountForm(forms.Form):
    """Confirmation of the deletion of one's own account."""

    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased and this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the deletion.")},
    )
