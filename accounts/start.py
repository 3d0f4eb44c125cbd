"""The member's first hour: where sign-in and e-mail confirmation lead, and the profile form.

`next_step_url(request, user)` is what the allauth adapter answers after log-in and after
confirmation: the "next steps" page (register or join an organisation, complete the profile,
join groups, choose the digest) until the person has an organisation, then "My organisation".
Both in the language the person used (the URL's prefix), else their profile language.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from home.labels import SiteLanguageChoices

# A person's organisations come from the directory, which sits above accounts (docs/architecture.md):
# it hands its readers over when it starts (directory.start), so accounts imports no app above it.
_readers = {"registrations": lambda user: [], "memberships": lambda user: []}


def read_organisations_with(open_registrations, memberships_of):
    """Take the directory's readers of a person's open registrations and memberships (DirectoryConfig.ready)."""
    _readers.update(registrations=open_registrations, memberships=memberships_of)


def reader_language(request, user):
    """The language of the page the person is on (its URL prefix), else their profile's, else the default."""
    languages = dict(settings.LANGUAGES)
    used = translation.get_language_from_path(request.path_info) if request is not None else None
    for language in (used, getattr(user, "language", None), settings.LANGUAGE_CODE):
        if language in languages:
            return language
    return settings.LANGUAGE_CODE


def open_registrations(user):
    """The person's registrations that are not approved yet, newest first (directory.start)."""
    return _readers["registrations"](user)


def memberships_of(user):
    """The person's organisation memberships with their organisations, by name (directory.start)."""
    return _readers["memberships"](user)


def next_step_url(request, user):
    """Where a person goes after signing in or confirming their address (without an explicit `next`)."""
    name = "directory:mine" if open_registrations(user) or memberships_of(user) else "accounts:start"
    with translation.override(reader_language(request, user)):
        return reverse(name)


class ProfileForm(SiteLanguageChoices, forms.ModelForm):
    """The person's name (shown to their organisation and groups) and the language of their e-mails."""

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "language"]


@login_required
def start(request):
    """The next steps of a new member, each marked done once it is."""
    return render(request, "accounts/start.html", {
        "memberships": memberships_of(request.user), "registrations": open_registrations(request.user),
        "profile_done": bool(request.user.first_name and request.user.last_name),
    })


@login_required
def profile(request):
    """Complete or change one's name and e-mail language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:start")
    return render(request, "accounts/profile.html", {"form": form})
