"""Public forms of the catalogue: submitting an innovation, recording interest, answering it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.forms import MultipleFileField, TermChoiceField
from core.text import strip_bidi
from core.uploads import max_upload_size
from home.models import Sector, TargetGroup, Voivodeship

from .models import COST_BANDS, EVALUATIONS, STAGES
from .models.interests import TIMEFRAMES


class OrganisationChoiceField(forms.ModelChoiceField):
    """One of the reader's own organisations (the queryset is set per reader: accounts.affiliations)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Page.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return obj.title


def offer_organisations(form, organisations):
    """Limit the form's organisation choice to `organisations`, chosen already when there is only one."""
    if organisations is None:
        return
    form.fields["organisation"].queryset = organisations
    if not form.is_bound and "organisation" not in form.initial:
        only = list(organisations[:2])
        if len(only) == 1:
            form.fields["organisation"].initial = only[0].pk


class CleanTextMixin:
    """Typed text without bidi control characters or surrounding blanks (core.text.strip_bidi)."""

    text_fields = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.text_fields:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = strip_bidi(cleaned[name])
                if not cleaned[name] and self.fields[name].required and name not in self.errors:
                    self.add_error(name, forms.ValidationError(self.fields[name].error_messages["required"],
                                                              code="required"))
        return cleaned


def textarea(rows):
    return forms.Textarea(attrs={"rows": rows})


class SubmissionForm(CleanTextMixin, forms.Form):
    """What a member organisation fills in to describe an innovation; it becomes a draft under review."""

    text_fields = ("title", "summary", "problem", "solution", "context", "results", "requirements", "contact_name",
                   "note")

    organisation = OrganisationChoiceField(label=_("Organisation"))
    title = forms.CharField(label=_("Name of the innovation"), max_length=255)
    summary = forms.CharField(label=_("Summary"), max_length=600, widget=textarea(3),
                              help_text=_("Two or three sentences shown in lists."))
    problem = forms.CharField(label=_("The problem"), max_length=5000, widget=textarea(5),
                              help_text=_("What problem does it solve, and for whom?"))
    solution = forms.CharField(label=_("The solution"), max_length=5000, widget=textarea(6),
                               help_text=_("What do you do, step by step? What is new about it?"))
    context = forms.CharField(label=_("Where and for whom it runs"), max_length=2000, required=False,
                              widget=textarea(3))
    sectors = TermChoiceField(Sector, label=_("Sectors"))
    target_groups = TermChoiceField(TargetGroup, label=_("Target groups"))
    regions = TermChoiceField(Voivodeship, label=_("Voivodeships where it runs"), required=False)
    nationwide = forms.BooleanField(label=_("Anywhere in Poland"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=STAGES)
    results = forms.CharField(label=_("Evidence of results"), max_length=5000, widget=textarea(5),
                              help_text=_("What changed, with numbers and evaluations where you have them."))
    people_reached = forms.IntegerField(label=_("People reached so far"), required=False, min_value=0,
                                        max_value=100_000_000)
    evaluation = forms.ChoiceField(label=_("Evaluation"), choices=EVALUATIONS)
    files = MultipleFileField(label=_("Evaluations, reports and other evidence"), required=False)
    cost_band = forms.ChoiceField(label=_("Cost of replicating"), choices=COST_BANDS)
    requirements = forms.CharField(label=_("What a replicating organisation needs"), max_length=3000,
                                   widget=textarea(4), help_text=_("People, skills, partners, premises, time."))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    note = forms.CharField(label=_("Note for the Secretariat"), max_length=2000, required=False, widget=textarea(3))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, organisations)
        self.fields["files"].help_text = _(
            "Up to 5 files: PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG or WebP, at most %(limit)d MB each. "
            "They stay private until the Secretariat publishes the innovation."
        ) % {"limit": max_upload_size() // (1024 * 1024)}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("nationwide") and not cleaned.get("regions") and "regions" not in self.errors:
            self.add_error("regions", _("Choose the voivodeships, or “anywhere in Poland”."))
        return cleaned


class InterestForm(CleanTextMixin, forms.Form):
    """An organisation records that it wants to replicate an innovation: who, why and when."""

    text_fields = ("reason",)

    organisation = OrganisationChoiceField(label=_("Our organisation"))
    reason = forms.CharField(label=_("Why do you want to replicate it?"), max_length=2000, widget=textarea(4),
                             help_text=_("Where would you run it, for whom, and what do you already have?"))
    timeframe = forms.ChoiceField(label=_("When would you start?"), choices=TIMEFRAMES)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, organisations)


class AnswerForm(CleanTextMixin, forms.Form):
    """The author organisation answers an interest."""

    text_fields = ("answer",)

    answer = forms.CharField(label=_("Your answer"), max_length=2000, widget=textarea(4),
                             help_text=_("The interested organisation receives it by e-mail."))


class RecommendationForm(CleanTextMixin, forms.Form):
    """The Secretariat's optional reason for recommending an innovation for scaling."""

    text_fields = ("note",)

    note = forms.CharField(label=_("Why it is recommended (optional)"), max_length=2000, required=False,
                           widget=textarea(2))
    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)
