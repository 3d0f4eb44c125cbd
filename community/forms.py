"""Forms of the discussions; the rules themselves are checked again in `community.discussions`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.labels import site_languages
from home.models import Sector, Voivodeship
from core.params import MAX_ID

from .models import MAX_POST_LENGTH, MAX_TITLE_LENGTH, MAX_UPDATE_LENGTH, OrganisationUpdate, Thread, ThreadSubscription

BODY_ERRORS = {
    "required": _("Write something before posting."),
    "max_length": _("A post can be at most %(limit_value)d characters long (this one has %(show_value)d)."),
}


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class PostForm(forms.Form):
    """A reply: text and, optionally, documents of the group's collection."""

    body = forms.CharField(
        label=_("Your post"), widget=forms.Textarea(attrs={"rows": 8}), max_length=MAX_POST_LENGTH,
        error_messages=BODY_ERRORS,
        help_text=_("Plain text: leave an empty line between paragraphs; web addresses become links."),
    )
    attachments = DocumentChoiceField(
        label=_("Attach documents of the group"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].queryset = documents.order_by("title") if documents is not None else None
        if documents is None or not documents.exists():
            del self.fields["attachments"]


class ThreadForm(PostForm):
    """A new thread: a title and its first post; coordinators also choose who can read it."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE_LENGTH)
    visibility = forms.ChoiceField(label=_("Who can read"), choices=Thread.Visibility.choices,
                                   initial=Thread.Visibility.MEMBERS)
    field_order = ["title", "body", "visibility", "attachments"]

    def __init__(self, *args, can_choose_visibility=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_choose_visibility:
            del self.fields["visibility"]


class SubscriptionForm(forms.Form):
    mode = forms.ChoiceField(label=_("E-mails about this discussion"), choices=ThreadSubscription.Mode.choices,
                             widget=forms.RadioSelect)


class ReasonForm(forms.Form):
    """The reason for hiding or reporting a post."""

    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Move to the group"), queryset=None)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = groups


class TermChoiceField(forms.ModelChoiceField):
    """A vocabulary term chosen by its stable code, shown with its label in the reader's language."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="code", required=False, **kwargs)

    def label_from_instance(self, obj):
        return obj.label


class TermsField(forms.ModelMultipleChoiceField):
    """Several vocabulary terms as checkboxes, labelled in the reader's language."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="code", required=False, widget=forms.CheckboxSelectMultiple,
                         **kwargs)

    def label_from_instance(self, obj):
        return obj.label


class UpdateFilterForm(forms.Form):
    """The feed's filters (GET); unknown values are reported, never a server error."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    sector = TermChoiceField(Sector.objects.all(), label=_("Sector"), empty_label=_("All sectors"))
    voivodeship = TermChoiceField(Voivodeship.objects.all(), label=_("Voivodeship"),
                                  empty_label=_("All voivodeships"))
    organisation = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationUpdate.Kind.choices]


class TitleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class UpdateForm(forms.Form):
    """A member update: the organisation (one of the person's), kind, text, optional image or document, places."""

    organisation = TitleChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationUpdate.Kind.choices)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=MAX_UPDATE_LENGTH,
        error_messages={"required": BODY_ERRORS["required"], "max_length": BODY_ERRORS["max_length"]},
        help_text=_("Plain text: leave an empty line between paragraphs; web addresses become links."),
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=site_languages)
    image = forms.FileField(label=_("Image"), required=False, help_text=_("JPEG, PNG or WebP, at most 5 MB."))
    image_alt = forms.CharField(label=_("Image description"), required=False, max_length=250,
                                help_text=_("What the image shows, for people who cannot see it."))
    document = forms.FileField(label=_("Document"), required=False,
                               help_text=_("PDF or office document."))
    sectors = TermsField(Sector.objects.all(), label=_("Sectors"),
                         help_text=_("Leave empty to use the organisation's sectors."))
    voivodeships = TermsField(Voivodeship.objects.all(), label=_("Voivodeships"),
                              help_text=_("Leave empty to use the organisation's voivodeships."))
    working_group = TitleChoiceField(
        label=_("Working group that could take up the challenge"), required=False, queryset=None,
        help_text=_("Only for challenges."),
    )
    need = TitleChoiceField(label=_("Related need of your organisation"), required=False, queryset=None,
                            help_text=_("Only for challenges."))

    def __init__(self, *args, organisations=None, groups=None, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["working_group"].queryset = groups
        self.fields["need"].queryset = needs

    def clean(self):
        data = super().clean()
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return data
