"""Admin views of a mailing: preview in each language, a test to oneself, sending, the delivery report."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .delivery import audience_size, delivery_counts, plan_mailing
from .emails import compose_mailing_test, mailing_context
from .models import Mailing


@require_http_methods(["GET", "POST"])
def mailing_dispatch(request, pk):
    """Preview, test and send one mailing; afterwards, its delivery counts."""
    if not request.user.has_perm("digests.send_mailing"):
        raise PermissionDenied
    mailing = get_object_or_404(Mailing, pk=pk)
    if not mailing.is_source:  # a translation is sent with its source, in each recipient's language
        return redirect("wagtailsnippets_digests_mailing:send", mailing.source().pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            language = request.POST.get("language") or request.user.language
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            compose_mailing_test(mailing, request.user.email, language).send()
            messages.success(request, _("A test copy was sent to %(email)s.") % {"email": request.user.email})
        elif action == "send":
            if request.POST.get("confirm") != "yes":
                messages.error(request, _("Tick the box to confirm sending."))
            elif not mailing.is_draft:
                messages.warning(request, _("This mailing has already been sent."))
            elif mailing.audience == Mailing.CONTACTS and not mailing.legal_basis:
                messages.error(request, _("Choose the legal basis for writing to contact persons."))
            elif not audience_size(mailing):
                messages.error(request, _("Nobody is in this audience: choose the groups, sectors or voivodeships."))
            else:
                count = plan_mailing(mailing.pk, user=request.user)
                messages.success(request, _("Sending to %(count)s people.") % {"count": count})
        return redirect(request.path)
    counts = delivery_counts(mailing.deliveries.all())
    context = {
        "mailing": mailing,
        "header_title": _("Send mailing: %(title)s") % {"title": mailing.title},
        "page_title": _("Send mailing"),
        "page_subtitle": mailing.title,
        "header_icon": "mail",
        "audience_size": audience_size(mailing) if mailing.is_draft else None,
        "counts": counts,
        "total": sum(counts.values()),
        "previews": [
            {"code": code, "name": name, **mailing_context(mailing, code, "#", "#")}
            for code, name in settings.LANGUAGES
        ],
        "languages": settings.LANGUAGES,
    }
    return TemplateResponse(request, "digests/admin/mailing_dispatch.html", context)
