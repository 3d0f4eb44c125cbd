"""Public forms of the working groups: joining a group, registering for a meeting, attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MeetingRegistration


class JoinForm(forms.Form):
    """Ask to join a working group on behalf of one's organisation, with a message for its coordinators."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=None, required=False, empty_label=None,
    )
    message = forms.CharField(
        label=_("Message to the coordinators"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who you are, your organisation and what you would like to bring to the group."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


# The consent text as shown next to the checkbox; recorded, in the reader's language, with each consent.
SHARE_DETAILS_TEXT = _(
    "I agree that the meeting's coordinators see my interpretation and accessibility needs to prepare "
    "the meeting; they are deleted after it."
)


class RegistrationForm(forms.Form):
    """Register for a meeting, with the person's organisation and needs."""

    organisation_name = forms.CharField(label=_("Organisation"), required=False, max_length=255)
    interpretation = forms.ChoiceField(
        label=_("Interpretation"), required=False, choices=MeetingRegistration.Interpretation.choices
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: step-free access, sign language, induction loop."),
    )
    share_details = forms.BooleanField(label=SHARE_DETAILS_TEXT, required=False)

    def clean(self):
        # Accessibility needs may be health data (GDPR art. 9): they are kept only with explicit consent.
        data = super().clean()
        if (data.get("interpretation") or data.get("accessibility_needs")) and not data.get("share_details"):
            raise forms.ValidationError(
                _("To pass on interpretation or accessibility needs, agree that the meeting's coordinators "
                  "may see them, or leave those fields empty."),
                code="consent",
            )
        return data
