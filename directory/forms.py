"""Public forms: registering an organisation, editing it, inviting colleagues."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from core.forms import TermChoiceField
from core.text import strip_bidi
from core.uploads import IMAGE_TYPES, check_upload
from home.labels import language_name
from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

from .models import Membership, OrganisationPage, SupportItem
from .validators import normalise_number

LOGO_MAX_BYTES = 2 * 1024 * 1024


class VoivodeshipField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Voivodeship.objects.all(), to_field_name="code", **kwargs)

    def label_from_instance(self, obj):
        return obj.label


class OrganisationForm(forms.ModelForm):
    """An organisation's profile as its members see it: public data, contact person, descriptions."""

    title = forms.CharField(label=_("Name of the organisation"), max_length=255)
    # Longer than 10 so that "526-025-02-74" reaches clean_nip, which drops the dashes.
    nip = forms.CharField(label=_("NIP"), max_length=20, required=False)
    krs = forms.CharField(label=_("KRS number"), max_length=20, required=False)
    voivodeship = VoivodeshipField(label=_("Voivodeship of the seat"))
    regions_served = TermChoiceField(Voivodeship, label=_("Voivodeships served"), required=False)
    sectors = TermChoiceField(Sector, label=_("Sectors"))
    target_groups = TermChoiceField(TargetGroup, label=_("Target groups"), required=False)
    languages = TermChoiceField(Language, label=_("Working languages"), required=False)
    support_offered = TermChoiceField(SupportType, label=_("Support you offer"), required=False)
    support_needed = TermChoiceField(SupportType, label=_("Support you need"), required=False)
    logo_file = WagtailImageField(label=_("Logo"), required=False)

    class Meta:
        model = OrganisationPage
        fields = [
            "title", "legal_form", "krs", "nip", "founded_year", "website", "email", "phone", "city",
            "voivodeship", "regions_served", "nationwide", "sectors", "target_groups", "languages",
            "support_offered", "support_needed", "contact_name", "contact_email", "contact_phone",
        ]

    def __init__(self, *args, descriptions=None, names=None, cities=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail writes the help text when the form class is defined (in the default language): again, in the reader's.
        self.fields["logo_file"].help_text = WagtailImageField(required=False).help_text
        descriptions = descriptions or {}
        for code, _name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": language_name(code)}, required=False,
                max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                initial=descriptions.get(code, ""),
            )
        # Members of a registered organisation may also give its name and seat city in the other languages.
        self.translates_names = names is not None
        if self.translates_names:
            cities = cities or {}
            for code, _name in settings.LANGUAGES:
                if code != settings.LANGUAGE_CODE:
                    self.fields[f"name_{code}"] = forms.CharField(
                        label=_("Name (%(language)s)") % {"language": language_name(code)}, required=False,
                        max_length=255,
                        initial=names.get(code, ""),
                        help_text=_("Leave empty to use the original name in this language."),
                    )
                    self.fields[f"city_{code}"] = forms.CharField(
                        label=_("City (%(language)s)") % {"language": language_name(code)}, required=False,
                        max_length=100,
                        initial=cities.get(code, ""),
                        help_text=_("Leave empty to use the original spelling in this language."),
                    )
        # Foreign keys are submitted as codes: give the initial value as a code too, so has_changed() works.
        if self.instance.voivodeship_id:
            self.initial["voivodeship"] = self.instance.voivodeship.code
        self.fields["legal_form"].required = True
        self.fields["city"].required = True

    def description_fields(self):
        return [self[f"description_{code}"] for code, _name in settings.LANGUAGES]

    def clean_title(self):
        return strip_bidi(self.cleaned_data["title"])

    def clean_nip(self):
        return normalise_number(self.cleaned_data.get("nip"))

    def clean_krs(self):
        return normalise_number(self.cleaned_data.get("krs"))

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if upload and upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo may be at most 2 MB."), code="logo_too_big")
        if upload:
            check_upload(upload, IMAGE_TYPES, max_size=LOGO_MAX_BYTES)  # the one path of every upload
        return upload

    def clean(self):
        cleaned = super().clean()
        for name in ("city", "phone", "contact_name", "contact_phone"):
            if cleaned.get(name):
                cleaned[name] = strip_bidi(cleaned[name])
        for code, _name in settings.LANGUAGES:
            cleaned[f"description_{code}"] = strip_bidi(cleaned.get(f"description_{code}"))
            for part in ("name", "city"):
                if f"{part}_{code}" in self.fields:
                    cleaned[f"{part}_{code}"] = strip_bidi(cleaned.get(f"{part}_{code}"))
        return cleaned

    def _translated(self, part):
        if not self.translates_names:
            return None
        return {code: self.cleaned_data.get(f"{part}_{code}", "") for code, _name in settings.LANGUAGES
                if f"{part}_{code}" in self.fields}

    def names(self):
        """{language code: name} typed in the form, or None when the form has no name fields."""
        return self._translated("name")

    def cities(self):
        """{language code: seat city} typed in the form, or None when the form has no such fields."""
        return self._translated("city")

    def descriptions(self):
        """{language code: description} typed in the form (blank ones included)."""
        return {code: self.cleaned_data.get(f"description_{code}", "") for code, _name in settings.LANGUAGES}

    def save_logo(self, page, user):
        """Store an uploaded logo as a Wagtail image and attach it to `page`."""
        upload = self.cleaned_data.get("logo_file")
        if upload:
            image = get_image_model()(title=page.title[:255], file=upload, uploaded_by_user=user)
            image.save()
            page.logo = image


class InvitationForm(forms.Form):
    """A manager invites a colleague by e-mail."""

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.ROLES, initial=Membership.MEMBER)


# The texts of a need or offer that members translate, in the order the form shows them.
TRANSLATED_PARTS = ("title", "description", "capacity")
TRANSLATED_PARTS_PREFIXES = tuple(f"{part}_" for part in TRANSLATED_PARTS)


class SupportItemForm(forms.ModelForm):
    """A need or an offer, posted by a member of the organisation."""

    support_type = forms.ModelChoiceField(queryset=SupportType.objects.all(), to_field_name="code",
                                          label=_("Support type"))
    sectors = TermChoiceField(Sector, label=_("Sectors"), required=False)
    regions = TermChoiceField(Voivodeship, label=_("Voivodeships"), required=False)
    target_groups = TermChoiceField(TargetGroup, label=_("Target groups"), required=False)
    languages = TermChoiceField(Language, label=_("Languages"), required=False)

    class Meta:
        model = SupportItem
        fields = ["kind", "support_type", "title", "description", "sectors", "regions", "nationwide",
                  "target_groups", "languages", "amount", "capacity", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, translations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_type"].label_from_instance = lambda term: term.label
        self.fields["amount"].widget.attrs["min"] = "0"
        if self.instance.support_type_id:
            self.initial["support_type"] = self.instance.support_type.code
        # The other site languages: optional title, description and capacity, shown to readers of that language.
        translations = translations or {}
        for code, name in self.other_languages():
            title, description, capacity = translations.get(code, ("", "", ""))
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, required=False, max_length=200, initial=title,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name}, required=False, max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}), initial=description,
            )
            self.fields[f"capacity_{code}"] = forms.CharField(
                label=_("Capacity (%(language)s)") % {"language": name}, required=False, max_length=200,
                initial=capacity, help_text=_("Leave empty to show the original capacity."),
            )

    @staticmethod
    def other_languages():
        return [(code, language_name(code)) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

    def main_fields(self):
        return [field for field in self.visible_fields() if not field.name.startswith(TRANSLATED_PARTS_PREFIXES)]

    def translation_fields(self):
        return [self[f"{part}_{code}"] for code, _name in self.other_languages() for part in TRANSLATED_PARTS]

    def translations(self):
        """{language code: (title, description, capacity)} typed; a blank title removes that translation."""
        return {
            code: tuple(self.cleaned_data.get(f"{part}_{code}", "") for part in TRANSLATED_PARTS)
            for code, _name in self.other_languages()
        }

    def clean_title(self):
        return strip_bidi(self.cleaned_data["title"])

    def clean_description(self):
        return strip_bidi(self.cleaned_data.get("description"))

    def clean_capacity(self):
        return strip_bidi(self.cleaned_data.get("capacity"))

    def clean(self):
        cleaned = super().clean()
        for code, _name in self.other_languages():
            for part in TRANSLATED_PARTS:
                cleaned[f"{part}_{code}"] = strip_bidi(cleaned.get(f"{part}_{code}"))
            if (cleaned[f"description_{code}"] or cleaned[f"capacity_{code}"]) and not cleaned[f"title_{code}"]:
                self.add_error(f"title_{code}", _("Give the title in this language too."))
        if not cleaned.get("nationwide") and not cleaned.get("regions") and not self.errors:
            raise forms.ValidationError(_("Choose the voivodeships, or “anywhere in Poland”."))
        return cleaned


class PartnershipForm(forms.Form):
    """Propose a partnership: which of our items answers theirs."""

    own_item = forms.ModelChoiceField(queryset=SupportItem.objects.none(), label=_("Our need or offer"))
    message = forms.CharField(label=_("Message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, own_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["own_item"].queryset = own_items if own_items is not None else SupportItem.objects.none()
