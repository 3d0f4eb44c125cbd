"""The person's privacy page: their data export, consents, legal acceptance and account deletion."""

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_q.tasks import async_task

from .consent import missing_acceptances, record_consent
from .forms import AcceptDocumentsForm, DeleteAccountForm
from .models import ConsentRecord, DataExport, LegalPage
from .privacy import apply_withdrawal, erase_user
from .tasks import new_export_token

# Consents that can be withdrawn here; terms and privacy end with the account.
WITHDRAWABLE = {ConsentRecord.Purpose.DIGESTS, ConsentRecord.Purpose.MEETING_DATA}


@login_required
def privacy_dashboard(request):
    """What the site holds about me, and what I can do about it."""
    return render(request, "accounts/privacy_dashboard.html", {
        "consents": request.user.consents.all(),
        "exports": request.user.data_exports.exclude(status=DataExport.Status.EXPIRED)[:5],
        "withdrawable": WITHDRAWABLE,
    })


@login_required
@require_POST
def request_export(request):
    """Queue a new export unless one is already being prepared."""
    if request.user.data_exports.filter(status=DataExport.Status.PENDING).exists():
        messages.error(request, _("Your previous export is still being prepared. Please wait for it."))
        return redirect("accounts:privacy")
    export = DataExport.objects.create(user=request.user, token=new_export_token())
    async_task("accounts.tasks.build_export", export.pk)
    messages.success(request, _("Your export is being prepared. It will appear on this page."))
    return redirect("accounts:privacy")


@login_required
def export_status(request, token):
    """{"status": …} of my export, polled by the privacy page while it is being prepared."""
    export = DataExport.objects.filter(token=token, user=request.user).first()
    if export is None:
        raise Http404
    return JsonResponse({"status": export.status})


@login_required
def download_export(request, token):
    """The export as JSON (default) or a readable page (?format=html): only its owner, only before expiry."""
    export = DataExport.objects.filter(token=token).first()
    if export is None or export.user_id != request.user.pk:
        raise Http404(_("This export link is not yours or does not exist."))
    if export.status != DataExport.Status.READY or (export.expires_at and export.expires_at < timezone.now()):
        return render(request, "accounts/export_unavailable.html", {"export": export}, status=410)
    if request.GET.get("format") == "html":
        return render(request, "accounts/export.html", {"export": export, "data": export.content})
    response = JsonResponse(export.content, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="forum-razem-data-{export.ready_at:%Y%m%d}.json"'
    return response


@login_required
@require_POST
def withdraw(request, purpose):
    """Withdraw a consent as easily as it was given."""
    if purpose not in WITHDRAWABLE:
        raise Http404
    if apply_withdrawal(request.user, purpose) is not None:
        messages.success(request, _("Your consent has been withdrawn."))
    return redirect("accounts:privacy")


@login_required
def accept_terms(request):
    """Accept the current versions of the terms and the privacy policy, then go back."""
    missing = missing_acceptances(request.user)
    next_url = request.GET.get("next") or request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    if not missing:
        return redirect(next_url)
    form = AcceptDocumentsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for kind, version in missing.items():
            record_consent(request.user, kind, form.fields["accept"].label, ConsentRecord.Method.REACCEPTANCE,
                           version=version)
        return redirect(next_url)
    documents = [page.localized for page in LegalPage.objects.live().filter(kind__in=missing, locale__language_code=settings.LANGUAGE_CODE)]
    return render(request, "accounts/accept_terms.html", {"form": form, "documents": documents, "next": next_url})


@login_required
@reauthentication_required
def delete_account(request):
    """Delete my account after re-authenticating: personal data erased, shared content anonymised."""
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        erase_user(user, actor=user)
        messages.success(request, _("Your account and personal data have been erased."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
