"""Subscription forms: the public sign-up (with consent) and the preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.consent import legal_links
from accounts.models import LegalPage
from home.labels import SiteLanguageChoices
from home.models import Sector, Voivodeship

from .matching import normalize_saved_search
from .models import KINDS, Subscription
from .models.subscriptions import KIND_CODES
from .validators import validate_subscriber_email

CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _(
    "I agree that Forum Razem sends me e-mail digests and mailings about its work to this address, "
    "in the language and at the frequency I chose. I can unsubscribe at any time with one click "
    "from any message; my address is used for nothing else and is deleted when I unsubscribe and ask for it."
)


class PreferencesForm(SiteLanguageChoices, forms.ModelForm):
    """What a subscriber receives; unknown codes are refused by the choice fields."""

    kinds = forms.MultipleChoiceField(
        label=_("What to include"), choices=KINDS, widget=forms.CheckboxSelectMultiple, required=True,
        initial=KIND_CODES,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("None chosen: every sector."),
    )
    voivodeships = forms.ModelMultipleChoiceField(
        label=_("Voivodeships"), queryset=Voivodeship.objects.all(), to_field_name="code",
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("None chosen: the whole country."),
    )
    saved_search = forms.CharField(
        label=_("Saved search"), required=False, max_length=500,
        help_text=_("Paste the address of a search page, or type words: matching items come in every digest."),
    )

    class Meta:
        model = Subscription
        fields = ["language", "frequency", "kinds", "sectors", "voivodeships", "saved_search"]
        widgets = {"language": forms.RadioSelect, "frequency": forms.RadioSelect}

    def clean_saved_search(self):
        value = self.cleaned_data.get("saved_search", "")
        normalized = normalize_saved_search(value)
        if value.strip() and not normalized:
            raise forms.ValidationError(_("This search has no words to look for."))
        return normalized


class SubscribeForm(PreferencesForm):
    """The public sign-up: an address, preferences and the consent checkbox (double opt-in follows)."""

    email = forms.CharField(
        label=_("E-mail address"), max_length=254, validators=[validate_subscriber_email],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True)

    class Meta(PreferencesForm.Meta):
        fields = ["email", *PreferencesForm.Meta.fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = legal_links((LegalPage.Kind.PRIVACY,))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # An address already subscribed is handled by the view (no enumeration of subscribers).
        pass


class EmailForm(forms.Form):
    """Ask for a link to one's preferences by e-mail."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
