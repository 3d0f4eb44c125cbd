"""Public subscription views: sign up, confirm, one-click unsubscribe, preferences."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from .emails import send_manage_link
from .forms import CONSENT_TEXT, EmailForm, PreferencesForm, SubscribeForm
from .models import Contact, Subscription
from .models.subscriptions import KIND_CODES
from .subscribing import confirm, subscribe_by_form, subscribe_member, subscription_of, unsubscribe
from .tokens import CONFIRM, CONTACT_UNSUBSCRIBE, MANAGE, UNSUBSCRIBE, TokenError, make_token, read_token

IP_RATE = getattr(settings, "DIGESTS_SUBSCRIBE_RATE_PER_IP", "10/h")
EMAIL_RATE = getattr(settings, "DIGESTS_SUBSCRIBE_RATE_PER_EMAIL", "3/h")


def posted_email(group, request):
    """Rate-limit key: the submitted address, so one inbox cannot be flooded from many IPs."""
    return (request.POST.get("email") or "").strip().lower()


def message_page(request, title, text, status=200, action=None):
    return render(request, "digests/message.html", {"title": title, "text": text, "action": action}, status=status)


def rate_limited(request):
    return message_page(
        request, _("Too many requests"),
        _("Too many subscription requests came from here or for this address. Please try again in an hour."),
        status=429,
    )


def bad_link(request, error):
    """The page for a link that cannot be used: tampered, expired or belonging to an ended subscription."""
    if error.reason == "expired":
        return message_page(
            request, _("This link has expired"),
            _("For your security, links in our e-mails work for a limited time. "
              "Ask for a new link to manage your subscription below."),
            status=410, action={"url": "digests:manage_request", "label": _("Get a new link")},
        )
    return message_page(
        request, _("This link does not work"),
        _("The link is incomplete or no longer valid. You can ask for a new one."),
        status=400, action={"url": "digests:manage_request", "label": _("Get a new link")},
    )


@never_cache
@ratelimit(key="ip", rate=IP_RATE, method="POST", block=False)
@ratelimit(key=posted_email, rate=EMAIL_RATE, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Public sign-up form; a confirmation e-mail completes it (double opt-in)."""
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = SubscribeForm(request.POST)
        if form.is_valid():
            subscribe_by_form(form.cleaned_data)
            return message_page(
                request, _("Check your inbox"),
                _("We have sent a message to %(email)s. Open the link in it to confirm your subscription; "
                  "until then you receive nothing.") % {"email": form.cleaned_data["email"]},
            )
    else:
        form = SubscribeForm(initial={
            "language": request.LANGUAGE_CODE,
            "kinds": KIND_CODES,
            "saved_search": request.GET.get("search", "")[:500],
        })
    return render(request, "digests/subscribe.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_view(request, token):
    """Double opt-in: GET shows a button (link scanners must not confirm), POST confirms."""
    try:
        subscription = read_token(token, CONFIRM)
    except TokenError as error:
        return bad_link(request, error)
    if request.method == "POST":
        if confirm(subscription):
            return message_page(request, _("Subscription confirmed"),
                                _("Thank you. Your first digest comes with the next period that brings news."))
        return message_page(request, _("Already confirmed"), _("This subscription was already confirmed."))
    # The consent text is shown again here: confirming is the moment the consent is recorded.
    return render(request, "digests/token_action.html", {
        "title": _("Confirm your subscription"), "subscription": subscription,
        "button": _("Confirm my subscription"), "consent_text": CONSENT_TEXT,
    })


@never_cache
@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without cookies; the signed token authorises.
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """One-click unsubscribe: POST (from the mail client or the button) unsubscribes; GET asks first."""
    try:
        subscription = read_token(token, UNSUBSCRIBE)
    except TokenError as error:
        if error.reason == "stale" and error.subscription.status == Subscription.UNSUBSCRIBED:
            return message_page(request, _("You are unsubscribed"), _("This address receives nothing from us."))
        return bad_link(request, error)
    if request.method == "POST":
        unsubscribe(subscription)
        return message_page(
            request, _("You are unsubscribed"),
            _("This address will receive no more digests or mailings. You can subscribe again at any time."),
            action={"url": "digests:subscribe", "label": _("Subscribe again")},
        )
    return render(request, "digests/token_action.html", {
        "title": _("Unsubscribe"), "subscription": subscription, "button": _("Unsubscribe"),
    })


@never_cache
@csrf_exempt  # RFC 8058, as above
@require_http_methods(["GET", "POST"])
def contact_unsubscribe_view(request, token):
    """A member organisation's contact person stops membership mailings (one click, or the button)."""
    try:
        contact = read_token(token, CONTACT_UNSUBSCRIBE, model=Contact)
    except TokenError as error:
        if error.reason == "stale" and error.subscription.status == Contact.UNSUBSCRIBED:
            return message_page(request, _("You are unsubscribed"),
                                _("This address receives no more mailings to contact persons."))
        return bad_link(request, error)
    if request.method == "POST":
        with transaction.atomic():
            contact = Contact.objects.select_for_update().get(pk=contact.pk)
            if contact.status == Contact.ACTIVE:
                contact.unsubscribe()
                contact.save(update_fields=["status", "unsubscribed_at", "token_nonce"])
        return message_page(request, _("You are unsubscribed"),
                            _("This address receives no more mailings to contact persons."))
    return render(request, "digests/token_action.html", {
        "title": _("Unsubscribe"), "subscription": contact, "button": _("Unsubscribe"),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def manage_view(request, token):
    """Preferences reached from the link in every e-mail."""
    try:
        subscription = read_token(token, MANAGE)
    except TokenError as error:
        return bad_link(request, error)
    if not subscription.is_active:
        return message_page(request, _("You are not subscribed"), _("This address receives nothing from us."),
                            action={"url": "digests:subscribe", "label": _("Subscribe")})
    form = PreferencesForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        return redirect(request.path)
    return render(request, "digests/preferences.html", {"form": form, "subscription": subscription})


class MemberForm(PreferencesForm):
    """Preferences of a member; subscribing (again) asks for the consent."""

    consent = SubscribeForm.base_fields["consent"]

    def __init__(self, *args, needs_consent=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_consent:
            del self.fields["consent"]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def member_preferences(request):
    """A member's own subscription, from their account (their address is verified: no e-mail round trip)."""
    subscription = subscription_of(request.user)
    active = subscription is not None and subscription.is_active
    form = MemberForm(
        request.POST or None, instance=subscription, needs_consent=not active,
        initial=None if subscription else {"language": request.user.language, "kinds": KIND_CODES},
    )
    if request.method == "POST" and form.is_valid():
        subscribe_member(request.user, form.cleaned_data, subscription)
        messages.success(request, _("Your preferences are saved.") if active else _("You are subscribed."))
        return redirect("digests:preferences")
    unsubscribe_token = make_token(subscription, UNSUBSCRIBE) if active else None
    return render(request, "digests/preferences.html", {
        "form": form, "subscription": subscription, "member": True, "unsubscribe_token": unsubscribe_token,
        "consent_text": CONSENT_TEXT,
    })


@never_cache
@ratelimit(key="ip", rate=IP_RATE, method="POST", block=False)
@ratelimit(key=posted_email, rate=EMAIL_RATE, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def manage_request(request):
    """Ask for a link to one's preferences; the answer never tells whether the address is subscribed."""
    if request.method == "POST" and getattr(request, "limited", False):
        return rate_limited(request)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        subscription = Subscription.objects.filter(
            email=form.cleaned_data["email"].lower(), status=Subscription.ACTIVE
        ).first()
        if subscription is not None:
            send_manage_link(subscription)
        return message_page(request, _("Check your inbox"),
                            _("If this address is subscribed, a link to its preferences is on its way."))
    return render(request, "digests/manage_request.html", {"form": form})
