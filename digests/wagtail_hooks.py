"""Wagtail admin: mailings (compose, preview, test, send, report), subscriptions, the digest schedules report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts.roles import is_secretariat

from .admin_views import mailing_dispatch
from .models import Contact, Mailing, Subscription


class MailingViewSet(SnippetViewSet):
    model = Mailing
    icon = "mail"
    menu_label = _("Mailings")
    list_display = ["title", "audience", "status", "sent_at"]
    list_filter = ["status", "audience"]
    search_fields = ["title", "subject"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("send/<int:pk>/", mailing_dispatch, name="send")]


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "status", "language", "frequency", "confirmed_at"]
    list_filter = ["status", "language", "frequency"]
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email", "user", "status", "language", "frequency", "kinds", "saved_search", "created_at",
        "confirmed_at", "unsubscribed_at",
    ]


class ContactViewSet(SnippetViewSet):
    """Contact persons reached by membership mailings: their language and unsubscribe state."""

    model = Contact
    icon = "group"
    menu_label = _("Contact persons")
    list_display = ["email", "name", "status", "language", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    inspect_view_enabled = True


class DigestsGroup(SnippetViewSetGroup):
    items = (MailingViewSet, SubscriptionViewSet, ContactViewSet)
    menu_icon = "mail"
    menu_label = _("Digests and mailings")
    menu_name = "digests"


register_snippet(DigestsGroup)


@hooks.register("register_snippet_listing_buttons")
def mailing_send_button(snippet, user, next_url=None):
    """"Preview, test and send" in the mailing listing, for editors allowed to send."""
    if isinstance(snippet, Mailing) and user.has_perm("digests.send_mailing") and snippet.is_source:
        label = _("Preview, test and send") if snippet.is_draft else _("Delivery report")
        yield MenuItem(label, reverse("wagtailsnippets_digests_mailing:send", args=[snippet.pk]), icon_name="mail",
                       priority=10)


@hooks.register("register_admin_urls")
def register_schedule_report_urls():
    from .schedule_report import DigestSchedulesReport

    return [
        path("reports/digest-schedules/", DigestSchedulesReport.as_view(), name="digests_schedules_report"),
        path("reports/digest-schedules/results/", DigestSchedulesReport.as_view(results_only=True),
             name="digests_schedules_report_results"),
    ]


class SecretariatMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_reports_menu_item")
def register_schedule_report_menu_item():
    return SecretariatMenuItem(_("Digest schedules"), reverse("digests_schedules_report"), icon_name="time",
                               order=910)
