"""Who gets what: the expected HTTP status of every URL of the site and the API, for each role.

tests/test_permission_matrix.py requests every row below as each role and compares, and it
FAILS when a URL pattern, a page type or a routable-page route has no row here, so a new view
cannot ship without someone deciding who may reach it.

A row:  row(KEY, "anonymous member manager coordinator editor admin", args=..., path=..., method=...)
- KEY: (add " #variant" to test one URL on several objects) the URL's name as `reverse()` takes it ("directory:edit"; the route text for an unnamed
  pattern), "page:app_label.ModelName" for a page type, "route:app_label.ModelName:route_name"
  for a route of a routable page.
- expectations, in ROLES order: a status code ("200", "403", "404", "405"…), "login" for a
  redirect to a log-in page, "refused" for a redirect carrying an error message (views that
  answer a forbidden action with a message, and the Wagtail admin, which redirects to its
  dashboard with an error), "302" for any other redirect.
- args: a function of the world (tests/permission_world.py) returning reverse()'s kwargs;
  path: a function returning the path itself (pages, routes, unnamed patterns).
- method: "GET" by default; POST-only views are requested with `data` (empty by default; each role's
  request runs in its own rolled-back savepoint, so one role's action never changes another's).

The roles (tests/permission_world.py): anonymous; member = a signed-in person belonging to
organisation A as a plain member; manager = manager of organisation A; coordinator = coordinator
of working group G; editor = the Secretariat; admin = a superuser.

Wagtail admin and Django admin URLs of third-party apps are covered by a sweep instead of rows:
every one of them must send anonymous people and members to the log-in page (ADMIN_SWEEP_EXCEPTIONS
lists the few public ones). The project's own admin views (hooks in our apps) need rows here.
"""

from dataclasses import dataclass
from typing import Callable

from wagtail.models import Page

from tests.permission_world import ROLES


@dataclass(frozen=True)
class Row:
    key: str
    expect: tuple
    args: Callable | None = None
    path: Callable | None = None
    method: str = "GET"
    data: Callable | dict | None = None
    upcoming: bool = False

    @property
    def url_key(self):
        """The URL pattern, page type or route the row is about ("KEY #variant" rows share one)."""
        return self.key.split(" #")[0]

    def expected(self, role):
        return self.expect[ROLES.index(role)]


def row(key, expect, args=None, path=None, method="GET", data=None, upcoming=False):
    """One line of the matrix (see the module's docstring). `upcoming`: the URL is on a branch not
    merged yet; the row is checked once it exists and is not reported as stale before."""
    statuses = tuple(expect.split())
    assert len(statuses) == len(ROLES), f"{key}: {len(ROLES)} expectations needed, got {expect!r}"
    return Row(key, statuses, args, path, method, data, upcoming)


def url_of(page):
    """The site-relative URL of a page, for `path=` functions."""
    return lambda w: getattr(w, page).url


ORG = lambda w: {"pk": w.org.pk}  # noqa: E731
GROUP = lambda w: {"pk": w.group.pk}  # noqa: E731
MEETING = lambda w: {"pk": w.meeting.pk}  # noqa: E731
NEED = lambda w: {"pk": w.need.pk}  # noqa: E731
THREAD = lambda w: {"pk": w.thread.pk}  # noqa: E731
POST = lambda w: {"pk": w.post.pk}  # noqa: E731
UPDATE = lambda w: {"pk": w.update.pk}  # noqa: E731
PAGE = lambda name: (lambda w: {"page_id": getattr(w, name).pk})  # noqa: E731
LIBRARY = lambda route, **kw: (lambda w: w.library.url + w.library.reverse_subpage(route, kwargs={  # noqa: E731
    k: v(w) for k, v in kw.items()} or None))
TOPIC = lambda w: w.topic_slug  # noqa: E731
INNOVATION = lambda w: {"pk": w.innovation.pk}  # noqa: E731
INTEREST = lambda w: {"pk": w.interest.pk}  # noqa: E731
INNOVATIONS = lambda route: (lambda w: w.innovations.url + w.innovations.reverse_subpage(route))  # noqa: E731

#    key                                         anon  member manager coord editor admin
MATRIX = [
    # Technical endpoints and the open data API: public, read-only.
    row("healthz",                               "200 200 200 200 200 200"),
    # Wagtail's userbar, loaded by the page for those who may edit it: an empty answer for everyone else.
    row("userbar",                               "204 204 204 204 204 200"),
    row("page_userbar #group",                   "204 204 204 200 200 200", args=PAGE("group")),
    row("page_userbar #root",                    "204 204 204 204 204 204",
        args=lambda w: {"page_id": Page.get_first_root_node().pk}),
    row("robots_txt",                            "200 200 200 200 200 200"),
    row("security_txt",                          "200 200 200 200 200 200"),
    row("sitemap",                               "200 200 200 200 200 200"),
    row("set_language",                          "302 302 302 302 302 302", method="POST"),
    row("api-schema",                            "200 200 200 200 200 200"),
    row("api-organisations",                     "200 200 200 200 200 200"),
    row("api-organisation",                      "200 200 200 200 200 200", args=ORG),
    row("api-search",                            "200 200 200 200 200 200"),
    row("api-search-autocomplete",               "200 200 200 200 200 200"),
    row("^api/",                                 "404 404 404 404 404 404", path=lambda w: "/api/v1/no-such-thing",
        upcoming=True),  # any other /api/ path: a JSON 404
    row("wagtaildocs_serve",                     "200 200 200 200 200 200",
        path=lambda w: w.document.url),
    # A document of a password-protected collection: 200 is Wagtail's password form, not the file
    # (tests/test_permission_matrix.py checks that no role gets the PDF itself).
    row("wagtaildocs_serve #password",           "200 200 200 200 200 200",
        path=lambda w: w.private_document.url),
    row("wagtaildocs_authenticate_with_password", "200 200 200 200 200 200",
        path=lambda w: f"/documents/authenticate_with_password/{w.collection_restriction.pk}/"),

    # Accounts (allauth): signed-in people are sent away from log-in and sign-up.
    row("account_login",                         "200 302 302 302 302 302"),
    row("account_logout",                        "302 200 200 200 200 200"),
    row("account_inactive",                      "200 200 200 200 200 200"),
    row("account_signup",                        "200 302 302 302 302 302"),
    row("account_reauthenticate",                "login 200 200 200 200 200"),
    row("account_email",                         "login 200 200 200 200 200"),
    row("account_email_verification_sent",       "200 200 200 200 200 200"),
    row("account_change_password",               "login 200 200 200 200 200"),
    row("account_set_password",                  "login 302 302 302 302 302"),
    row("account_reset_password",                "200 200 200 200 200 200"),
    row("account_confirm_login_code",            "login 302 302 302 302 302"),
    row("account_confirm_email",                 "200 200 200 200 200 200", args=lambda w: {"key": "bad-key"}),
    row("account_reset_password_from_key_done",  "200 200 200 200 200 200"),
    row("account_reset_password_from_key",       "200 200 200 200 200 200",
        args=lambda w: {"uidb36": "1", "key": "bad-key"}),
    row("account_reset_password_done",           "200 200 200 200 200 200"),
    row("wagtailcore_login",                     "200 200 200 200 200 200"),
    row("wagtailcore_authenticate_with_password", "200 200 200 200 200 200",
        args=lambda w: {"page_view_restriction_id": w.members_restriction.pk, "page_id": w.members_page.pk}),

    # Privacy: one's own data only.
    row("accounts:privacy",                      "login 200 200 200 200 200"),
    row("accounts:request_export",               "login 302 302 302 302 302", method="POST"),
    row("accounts:download_export",              "login 200 404 404 404 404", args=lambda w: {"token": w.export.token}),
    row("accounts:export_status",                "login 200 404 404 404 404", args=lambda w: {"token": w.export.token}),
    row("accounts:start",                        "login 200 200 200 200 200"),
    row("accounts:profile",                      "login 200 200 200 200 200"),
    row("accounts:withdraw_consent",             "login 302 302 302 302 302", method="POST",
        args=lambda w: {"purpose": "digests"}),
    row("accounts:accept_terms",                 "login 302 302 302 302 302"),
    row("accounts:delete_account",               "login 302 302 302 302 302"),

    # Directory: organisation A's member and manager, the Secretariat; nobody else.
    row("directory:register",                    "login 200 200 200 200 200"),
    row("directory:mine",                        "login 200 200 200 200 200"),
    row("directory:edit",                        "login 200 200 403 200 200", args=ORG),
    row("directory:confirm",                     "login 302 302 403 302 302", args=ORG, method="POST"),
    row("directory:members",                     "login 403 200 403 200 200", args=ORG),
    row("directory:notifications",               "login 302 302 403 403 403", args=ORG, method="POST"),
    row("directory:invitation",                  "login 200 200 200 200 200",
        args=lambda w: {"token": w.invitation.token}),
    row("directory:export",                      "login 403 403 403 200 200", args=lambda w: {"fmt": "csv"}),
    row("directory:item_new",                    "login 200 200 403 200 200",
        args=lambda w: {"organisation_pk": w.org.pk}),
    row("directory:item_edit",                   "login 200 200 403 200 200",
        args=lambda w: {"organisation_pk": w.org.pk, "pk": w.need.pk}),
    row("directory:items",                       "200 200 200 200 200 200"),
    row("directory:items_download",              "200 200 200 200 200 200", args=lambda w: {"fmt": "csv"}),
    row("directory:item",                        "200 200 200 200 200 200", args=NEED),
    row("directory:item_close",                  "login 302 302 403 302 302", args=NEED, method="POST"),
    row("directory:propose",                     "login 302 302 refused refused refused", method="POST",
        args=lambda w: {"pk": w.other_offer.pk}, data=lambda w: {"own_item": w.need.pk, "message": "?"}),
    row("directory:answer",                      "login 302 302 refused 302 302", method="POST",
        args=lambda w: {"pk": w.partnership.pk, "decision": "accept"}),
    row("directory:coverage",                    "200 200 200 200 200 200"),
    row("directory:coverage_download",           "200 200 200 200 200 200", args=lambda w: {"fmt": "csv"}),

    # Working groups: G's coordinator and the Secretariat manage G.
    row("groups:forum_calendar",                 "200 200 200 200 200 200"),
    row("groups:mine",                           "login 200 200 200 200 200"),
    row("groups:my_meetings",                    "login 200 200 200 200 200"),
    row("groups:group_calendar",                 "200 200 200 200 200 200", args=GROUP),
    # Joining as the group's coordinator, leaving or cancelling without being in: refused with a message.
    row("groups:join",                           "login 302 302 refused 302 302", args=GROUP, method="POST"),
    row("groups:leave",                          "login refused refused 302 refused refused", args=GROUP, method="POST"),
    row("groups:members",                        "login 403 403 200 200 200", args=GROUP),
    row("groups:decide",                         "login 403 403 302 302 302", method="POST",
        args=lambda w: {"pk": w.join_request.pk}, data={"decision": "accept"}),
    row("groups:register",                       "login 302 302 302 302 302", args=MEETING, method="POST"),
    row("groups:cancel",                         "login refused refused refused refused refused", args=MEETING,
        method="POST"),
    row("groups:meeting_ics",                    "200 200 200 200 200 200", args=MEETING),
    row("groups:participants_csv",               "login 403 403 200 200 200", args=MEETING),
    row("groups:attendance",                     "login 403 403 200 200 200", args=MEETING),

    # Joint positions (positions): P is G's position in consultation, S and S2 the Secretariat's open for
    # signature (organisation A signed S2). Members of organisations comment; G's coordinator and the
    # Secretariat answer and export; A's manager signs and withdraws for A.
    row("page:positions.PositionIndexPage",      "200 200 200 200 200 200", path=url_of("positions_index")),
    row("route:positions.PositionIndexPage:index_route", "200 200 200 200 200 200", path=url_of("positions_index")),
    row("route:positions.PositionIndexPage:feed_atom", "200 200 200 200 200 200",
        path=lambda w: w.positions_index.url + w.positions_index.reverse_subpage("feed_atom")),
    row("page:positions.PositionPage",           "200 200 200 200 200 200", path=url_of("position")),
    row("positions:comment",                     "login 302 302 refused refused refused", method="POST",
        args=lambda w: {"pk": w.position.pk},
        data=lambda w: {"paragraph": w.position.paragraphs()[0][0], "text": "Uwaga", "organisation": w.org.pk}),
    row("positions:answer",                      "login 403 403 302 302 302", method="POST",
        args=lambda w: {"pk": w.position_comment.pk}, data={"decision": "accepted"}),
    row("positions:sign",                        "login refused 302 refused refused refused", method="POST",
        args=lambda w: {"pk": w.signing_position.pk}, data=lambda w: {"organisation": w.org.pk}),
    row("positions:withdraw",                    "login refused 302 refused refused refused", method="POST",
        args=lambda w: {"pk": w.signed_position.pk}, data=lambda w: {"organisation": w.org.pk}),
    row("positions:changes",                     "200 200 200 200 200 200", args=lambda w: {"pk": w.position.pk}),
    row("positions:signatories_csv",             "login 403 403 200 200 200", args=lambda w: {"pk": w.position.pk}),
    row("positions:annex",                       "login 403 403 200 200 200", args=lambda w: {"pk": w.position.pk}),
    row("positions:reminders",                   "login 200 200 200 200 200"),
    row("api-positions",                         "200 200 200 200 200 200"),
    row("api-position",                          "200 200 200 200 200 200", args=lambda w: {"pk": w.position.pk}),

    # Group discussions and member updates (community): G's members-only thread is for G's members
    # and the Secretariat; the Secretariat hides member updates; any signed-in person may report.
    row("community:group_threads",               "login 200 200 200 200 200", args=GROUP, upcoming=True),
    row("community:new_thread",                  "login refused refused 200 200 200", args=GROUP, upcoming=True),
    row("community:thread",                      "login 404 404 200 200 200", args=THREAD, upcoming=True),
    row("community:subscribe",                   "login 404 404 302 302 302", args=THREAD, method="POST",
        data={"mode": "daily"}, upcoming=True),
    row("community:moderate",                    "login 404 404 302 302 302", args=THREAD, method="POST",
        data={"action": "pin"}, upcoming=True),
    row("community:hide_post",                   "login 404 404 302 302 302", args=POST, method="POST",
        data={"reason": "Spam"}, upcoming=True),
    row("community:unhide_post",                 "login 404 404 302 302 302", args=POST, method="POST",
        upcoming=True),
    row("community:report_post",                 "login 404 404 302 302 302", args=POST, method="POST",
        data={"reason": "Spam"}, upcoming=True),
    row("community:updates",                     "200 200 200 200 200 200", upcoming=True),
    row("community:new_update",                  "login 200 200 refused refused refused", upcoming=True),
    row("community:update",                      "200 200 200 200 200 200", args=UPDATE, upcoming=True),
    row("community:hide_update",                 "login refused refused refused 302 302", args=UPDATE,
        method="POST", data={"reason": "Spam"}, upcoming=True),
    row("community:unhide_update",               "login refused refused refused 302 302", args=UPDATE,
        method="POST", upcoming=True),
    row("community:report_update",               "login 302 302 302 302 302", args=UPDATE, method="POST",
        data={"reason": "Spam"}, upcoming=True),
    row("community:challenges",                  "200 200 200 200 200 200", upcoming=True),
    row("community_reports:index",               "login login login 200 200 200", upcoming=True),
    row("community_reports:index_results",       "login login login 200 200 200", upcoming=True),
    row("community_reports:edit",                "login login login 302 302 302", upcoming=True,
        args=lambda w: {"pk": 0}),  # no such report: back to the listing
    row("community_updates:index",               "login login login refused 200 200", upcoming=True),
    row("community_updates:index_results",       "login login login refused 200 200", upcoming=True),
    row("api-groups",                            "200 200 200 200 200 200", upcoming=True),
    row("api-group",                             "200 200 200 200 200 200", args=GROUP, upcoming=True),
    row("api-meetings",                          "200 200 200 200 200 200", upcoming=True),
    row("groups:documents",                      "200 200 200 200 200 200", args=GROUP, upcoming=True),

    # Search and digests.
    row("search",                                "200 200 200 200 200 200"),
    row("digests:subscribe",                     "200 200 200 200 200 200"),
    row("digests:confirm",                       "200 200 200 200 200 200",
        args=lambda w: {"token": w.tokens["confirm"]}),
    row("digests:unsubscribe",                   "200 200 200 200 200 200",
        args=lambda w: {"token": w.tokens["unsubscribe"]}),
    # A contact person's unsubscribe link with a token that was never signed is refused for everyone.
    row("digests:contact_unsubscribe",           "400 400 400 400 400 400", args=lambda w: {"token": "not-a-token"}),
    row("digests:preferences",                   "login 200 200 200 200 200"),
    row("digests:manage_request",                "200 200 200 200 200 200"),
    row("digests:manage",                        "200 200 200 200 200 200", args=lambda w: {"token": w.tokens["manage"]}),

    # Pages of each type (Wagtail serves them through wagtail_serve).
    row("wagtail_serve",                         "404 404 404 404 404 404", path=lambda w: "/pl/no-such-page/"),
    row("page:home.HomePage",                    "200 200 200 200 200 200", path=url_of("home")),
    row("page:home.StandardPage",                "200 200 200 200 200 200", path=url_of("standard")),
    row("page:home.NewsIndexPage",               "200 200 200 200 200 200", path=url_of("news_index")),
    row("page:home.NewsPage",                    "200 200 200 200 200 200", path=url_of("news")),
    row("page:accounts.LegalPage",               "200 200 200 200 200 200", path=url_of("legal")),
    row("page:directory.DirectoryIndexPage",     "200 200 200 200 200 200", path=url_of("directory")),
    row("page:directory.OrganisationPage",       "200 200 200 200 200 200", path=url_of("org")),
    row("page:groups.GroupIndexPage",            "200 200 200 200 200 200", path=url_of("group_index")),
    row("page:groups.WorkingGroupPage",          "200 200 200 200 200 200", path=url_of("group")),
    row("page:groups.GroupContentPage",          "200 200 200 200 200 200", path=url_of("group_page")),
    row("page:groups.GroupContentPage #members-only", "login login login 200 200 200", path=url_of("members_page")),
    row("page:groups.MeetingIndexPage",          "200 200 200 200 200 200", path=url_of("meeting_index")),
    row("page:groups.MeetingPage",               "200 200 200 200 200 200", path=url_of("meeting")),
    row("page:library.LibraryIndexPage",         "200 200 200 200 200 200", path=url_of("library")),
    row("page:library.ResourcePage",             "200 200 200 200 200 200", path=url_of("resource")),
    row("route:library.LibraryIndexPage:index_route", "200 200 200 200 200 200", path=LIBRARY("index_route")),
    row("route:library.LibraryIndexPage:topic",  "200 200 200 200 200 200", path=LIBRARY("topic", slug=TOPIC)),
    row("route:library.LibraryIndexPage:feed_rss", "200 200 200 200 200 200", path=LIBRARY("feed_rss")),
    row("route:library.LibraryIndexPage:topic_feed_rss", "200 200 200 200 200 200",
        path=LIBRARY("topic_feed_rss", slug=TOPIC)),
    row("route:library.LibraryIndexPage:feed_atom", "200 200 200 200 200 200", path=LIBRARY("feed_atom")),
    row("route:library.LibraryIndexPage:topic_feed_atom", "200 200 200 200 200 200",
        path=LIBRARY("topic_feed_atom", slug=TOPIC)),
    row("route:library.LibraryIndexPage:collection", "200 200 200 200 200 200",
        path=LIBRARY("collection", slug=lambda w: w.collection.slug)),
    row("route:library.LibraryIndexPage:propose", "login 200 200 200 200 200", path=LIBRARY("propose")),

    # The Wagtail admin: only the Secretariat, administrators and (for their group's pages) coordinators.
    row("wagtailadmin_home",                     "login login login 200 200 200"),
    row("wagtailadmin_pages:edit",               "login login login 200 200 200", args=PAGE("group_page")),
    row("wagtailadmin_pages:edit #other-group",  "login login login refused 200 200", args=PAGE("other_group_page")),
    row("wagtailadmin_pages:edit #organisation", "login login login refused 200 200", args=PAGE("org")),
    row("wagtailadmin_pages:add_subpage",        "login login login 200 200 200",
        args=lambda w: {"parent_page_id": w.group.pk}),
    row("wagtailadmin_explore",                  "login login login 200 200 200",
        args=lambda w: {"parent_page_id": w.group.pk}),
    row("admin:index",                           "login login login login login 200"),
    # The project's own admin views.
    row("registration:edit",                     "login login login refused 200 200",
        args=lambda w: {"pk": w.registration.pk}),
    row("accounts_audit_log",                    "login login login refused 200 200"),
    row("accounts_audit_log_results",            "login login login refused 200 200"),
    row("accounts_erase_person",                 "login login login refused 200 200"),
    row("directory_import",                      "login login login refused 200 200"),
    # No such import run: staff who may import are sent back to the import page.
    row("directory_import_run",                  "login login login refused 302 302", args=lambda w: {"pk": 999999}),
    row("directory_stale_report",                "login login login refused 200 200"),
    row("directory_stale_report_results",        "login login login refused 200 200"),
    row("digests_schedules_report",              "login login login refused 200 200"),
    row("digests_schedules_report_results",      "login login login refused 200 200"),
    row("positions_report",                      "login login login refused 200 200"),
    row("positions_report_results",              "login login login refused 200 200"),
    row("search_report",                         "login login login refused 200 200"),
    row("wagtailsnippets_digests_mailing:send",  "login login login refused 200 200", args=lambda w: {"pk": w.mailing.pk}),

    # Innovations (#29): organisation A (member, manager) is interested in organisation B's innovation.
    row("page:innovations.InnovationIndexPage",  "200 200 200 200 200 200", path=url_of("innovations")),
    row("page:innovations.InnovationPage",       "200 200 200 200 200 200", path=url_of("innovation")),
    row("route:innovations.InnovationIndexPage:index_route", "200 200 200 200 200 200",
        path=INNOVATIONS("index_route")),
    row("route:innovations.InnovationIndexPage:feed_atom", "200 200 200 200 200 200", path=INNOVATIONS("feed_atom")),
    # Only members of a (live) organisation describe innovations; others are told how to get one.
    row("route:innovations.InnovationIndexPage:submit", "login 200 200 403 403 403", path=INNOVATIONS("submit")),
    # An empty form: refused with its errors (400) for everyone signed in.
    row("innovations:express_interest",          "login 400 400 400 400 400", args=INNOVATION, method="POST"),
    row("innovations:recommend",                 "login 403 403 403 302 302", args=INNOVATION, method="POST"),
    row("innovations:interest",                  "login 200 200 403 200 200", args=INTEREST),
    # Organisation A is the interested side: it cannot answer (an empty answer is refused first).
    row("innovations:answer",                    "login refused refused 403 refused refused", args=INTEREST,
        method="POST"),
    row("innovations:need",                      "login 200 200 403 403 403", args=INTEREST),
    row("innovations:export",                    "login 403 403 403 200 200", args=lambda w: {"fmt": "csv"}),
    row("api-innovations",                       "200 200 200 200 200 200"),
    row("api-innovation",                        "200 200 200 200 200 200", args=INNOVATION),
]

# Admin URLs of third-party apps that answer without admin access (anything else must send to log-in).
PUBLIC = {"anonymous": "200", "member": "200"}
ADMIN_SWEEP_EXCEPTIONS = {
    "wagtailadmin_login": PUBLIC,
    "wagtailadmin_sprite": PUBLIC,  # the admin's icon sprite
    "wagtailadmin_javascript_catalog": PUBLIC,  # the admin's JavaScript translations
    "wagtailadmin_password_reset": PUBLIC,
    "wagtailadmin_password_reset_done": PUBLIC,
    "wagtailadmin_password_reset_confirm": PUBLIC,
    "wagtailadmin_password_reset_complete": PUBLIC,
    "admin:login": PUBLIC,
    "admin:logout": {"anonymous": "302", "member": "302"},  # GET is refused with a redirect; log-out is a POST
}


# Views of allauth and the admin: the site's own pages are what page-wide checks walk.
NOT_SITE_PAGES = ("account_", "wagtail", "admin:", "accounts_", "directory_", "search_report")


def member_pages(world, skipped=NOT_SITE_PAGES):
    """(key, path) of every GET row a signed-in member receives (200), rows whose key starts with
    one of `skipped` left out: the pages that page-wide checks (labels, accessibility) walk."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    for r in MATRIX:
        if r.method != "GET" or r.expected("member") != "200" or r.key.startswith(skipped):
            continue
        if r.path is not None:
            path = r.path(world)
        else:
            with translation.override(settings.LANGUAGE_CODE):
                path = reverse(r.url_key, kwargs=r.args(world) if r.args else None)
        yield r.key, path
