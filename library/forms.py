"""Forms of the library: the checked document and image forms used by every Wagtail upload,
and the public proposal form."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.forms import MultipleFileField
from core.uploads import WAGTAIL_IMAGE_TYPES, check_upload, max_upload_size, validate_document_file
from home.models import RESOURCE_TYPES, Language, Sector, TargetGroup


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form with the file's type checked by content and its size limited.

    Installed with WAGTAILDOCS_DOCUMENT_FORM_BASE, so the admin's add/edit/multiple-upload
    views and the document chooser's upload all use it.
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a newly uploaded file is checked: an unchanged one was checked when it came in.
        if uploaded and "file" in self.changed_data:
            validate_document_file(uploaded)
        return uploaded


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form with the upload checked like every other (core.uploads.check_upload).

    For WAGTAILIMAGES_IMAGE_FORM_BASE. Wagtail's own field already limits the size and the
    pixels (through Pillow's limit, set from core.uploads.max_image_pixels); this adds the
    type by content and a clean name.
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_upload(uploaded, WAGTAIL_IMAGE_TYPES, max_size=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        return uploaded


class ProposalForm(forms.Form):
    """What a member fills in to propose a resource; it becomes a draft page under review."""

    title = forms.CharField(label=_("Title"), max_length=255)
    resource_type = forms.ChoiceField(label=_("Type"), choices=RESOURCE_TYPES)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Two or three sentences: what is it and who is it for?"))
    description = forms.CharField(label=_("Description"), max_length=10000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 8}))
    topics = forms.CharField(label=_("Topics"), max_length=300, required=False,
                             help_text=_("Comma-separated, e.g. housing, rental contracts."))
    sectors = forms.ModelMultipleChoiceField(label=_("Sectors"), queryset=Sector.objects.all(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    target_groups = forms.ModelMultipleChoiceField(label=_("Target groups"), queryset=TargetGroup.objects.all(),
                                                   required=False, widget=forms.CheckboxSelectMultiple)
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages of the material"), required=False,
        queryset=Language.objects.filter(code__in=["pl", "uk", "en", "ru", "be"]),
        widget=forms.CheckboxSelectMultiple)
    publisher_name = forms.CharField(label=_("Publisher"), max_length=255, required=False)
    authors = forms.CharField(label=_("Authors"), max_length=500, required=False)
    publication_date = forms.DateField(label=_("Publication date"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))
    files = MultipleFileField(label=_("Files"), required=False)
    note = forms.CharField(label=_("Note for the editors"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _("Up to 5 files: PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG or WebP, "
                                           "at most %(limit)d MB each.") % {"limit": max_upload_size() // (1024 * 1024)}

    def clean_topics(self):
        """Split the comma-separated topics, dropping blanks and duplicates."""
        seen = []
        for name in self.cleaned_data["topics"].split(","):
            name = " ".join(name.split())[:100]
            if name and name.lower() not in [s.lower() for s in seen]:
                seen.append(name)
        return seen[:10]
