"""Forms of the discussions; the rules themselves are checked again in `community.discussions`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_POST_LENGTH, MAX_TITLE_LENGTH, Thread, ThreadSubscription

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
