"""Form fields every app's forms share: vocabulary checkboxes, several files checked by content in one field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .uploads import ALLOWED_TYPES, DOCUMENT_TYPES, validate_document_file


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that accepts several files."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field returning a list of files, each checked by content."""

    def __init__(self, *args, max_files=5, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": ",".join(f".{ext}" for kind in DOCUMENT_TYPES for ext in ALLOWED_TYPES[kind])}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise forms.ValidationError(_("Attach at most %(n)d files."), params={"n": self.max_files})
        errors = []
        for uploaded in files:
            super().clean(uploaded, initial)
            try:
                validate_document_file(uploaded)
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return files


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of a vocabulary, submitted as codes, labelled in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, **kwargs):
        super().__init__(queryset=model.objects.all(), to_field_name="code", **kwargs)

    def label_from_instance(self, obj):
        return obj.label
