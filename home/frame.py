"""The page frame's data (menu, language links, footer, home URL): memoised per request,
cached across requests per language, dropped whenever published content changes.

Every page renders the frame, so its few lookups would otherwise repeat on every request.
Two layers keep it cheap, both our own code (Wagtail's and Django's are never patched):

- `memo(request, …)` keeps a value for the request;
- `cached(parts, compute)` keeps a value in the Django cache under a key made of `parts`
  and the frame *version*, a counter bumped by `invalidate()` (home.versions) on every publish,
  unpublish, move, delete, view-restriction change and footer/settings save (see
  `connect`), so a publication shows on the next request of every process; each process also
  keeps the values it read in its own memory under the same keys (a key never holds another
  value: a new version makes new keys), so a page reads the shared cache once, for the version;
- `settings.FRAME_CACHE = False` turns the cross-request layer off (the bench measures the
  frame both ways).

Only anonymous-safe data is cached: the menu lists public pages only, whoever asks. Who may
read a page is never decided here: Wagtail checks it when serving, core.access elsewhere.
"""

import hashlib
from collections import namedtuple

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from core.request_memo import forget_request_memo

from . import versions

VERSION = "frame"
TIMEOUT = 24 * 3600
# This process's copies of the values `cached` read or computed (a few per site and language and
# version; the oldest go first beyond MAX_ENTRIES). Django's local-memory cache: thread-safe, and it
# stores copies, so a caller that changes a value it got does not change the next request's.
_local = LocMemCache("home.frame", {"TIMEOUT": TIMEOUT, "OPTIONS": {"MAX_ENTRIES": 1000}})


def version():
    """The current frame version (home.versions), read from the cache once per request (the menu,
    the home URL and the footer fragment of one page share it, and other versions the request needs
    come in the same round trip: versions.request_current)."""
    return versions.request_current(VERSION)


def invalidate(**kwargs):
    """Make every cached frame value stale: a new version now and again on commit (home.versions);
    the request that made the change reads the new version."""
    versions.bump(VERSION)
    forget_request_memo()


def enabled():
    """Whether values are kept across requests (settings.FRAME_CACHE, default True)."""
    return getattr(settings, "FRAME_CACHE", True)


def cached(parts, compute, timeout=TIMEOUT, fresh=None):
    """`compute()`'s value, kept in the cache under `parts` + the frame version.

    `parts` must name everything the value depends on (language, page, user state…).
    `fresh(value)`, when given, tells whether a kept value still holds (one that depends on the
    time of day); a value it refuses is computed again and replaces the kept one.
    Never for a value that decides who may read what (core.access reads that from the database).
    """
    current = version() if enabled() else 0
    if not current:  # off, or the shared cache unreachable: nothing would say when a copy is stale
        return compute()
    raw = "|".join(str(part) for part in (*parts, current))
    key = "frame:" + hashlib.sha1(raw.encode()).hexdigest()

    def usable(value):
        return value is not None and (fresh is None or fresh(value))

    value = _local.get(key)
    if not usable(value):
        value = cache.get(key)
        if not usable(value):
            value = compute()
            cache.set(key, value, timeout)
        _local.set(key, value, timeout)
    return value


def request_parts(request, *parts):
    """Cache-key parts of a value that depends on the host and port the request came to (they decide the
    Wagtail site, so a cached value costs no Site query; saving a Site bumps the version) and on the
    active language, followed by `parts`."""
    return (request.get_host(), request.get_port(), translation.get_language(), *parts)


def query_parts(request):
    """The request's query string as a cache-key part: each parameter's values, in a fixed order."""
    return sorted((key, sorted(values)) for key, values in request.GET.lists())


def kept_html(request, parts, template, context):
    """`template` rendered with `context()` for `request`, kept (`cached`) per host, language and `parts`:
    for HTML that is the same for every reader given `parts`. Previews render their unsaved values afresh."""
    def render():
        return render_to_string(template, context(), request=request)

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())
    return mark_safe(cached(request_parts(request, *parts), render))


def memo(request, name, compute):
    """`compute()` once per request (stored on the request object)."""
    if request is None:
        return compute()
    store = request.__dict__.setdefault("_frame_memo", {})
    if name not in store:
        store[name] = compute()
    return store[name]


UserGroups = namedtuple("UserGroups", "ids names editable_paths admin_access keys")
NO_GROUPS = UserGroups(frozenset(), frozenset(), (), False, frozenset())

# accounts (above home) hands over how a group's stable key is read (AccountsConfig.ready):
# a function of OuterRef("pk") giving a subquery of the key.
_group_key = None


def read_group_keys_with(subquery):
    """Take accounts' subquery of a group's stable key (accounts.keys), for `UserGroups.keys`."""
    global _group_key
    _group_key = subquery
    _statements.clear()


def user_groups(user):
    """The permission groups of a signed-in user, in one query kept on the user object (which
    lives for one request): their ids, their names, the tree paths of the pages they hold page
    permissions on, whether one of them grants access to the Wagtail admin and the stable keys
    of the role groups among them (accounts.keys; NO_GROUPS for anonymous visitors).

    Roles (accounts.roles, groups.roles), the userbar ({% userbar %}) and core.access (its
    group ids: HomeConfig.ready hands this function to `read_group_ids_with`) share it, so a
    page asks for the reader's groups once.
    """
    if not user.is_authenticated:
        return NO_GROUPS
    value = getattr(user, "_frame_groups", None)
    if value is None:
        from django.db import connections

        alias, sql, params, position = _groups_statement()
        params = list(params)
        params[position] = user.pk
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        value = UserGroups(frozenset(row[0] for row in rows), frozenset(row[1] for row in rows),
                           tuple(sorted({row[2] for row in rows if row[2]})), any(row[3] for row in rows),
                           frozenset(row[4] for row in rows if row[4]))
        user._frame_groups = value
    return value


_ANY_USER = -424242  # a user id no row has: where the reader's id goes in the compiled statement
_statements = {}


def _groups_statement():
    """(database alias, SQL, parameters, index of the user id among them) of the reader's-groups query.

    Every signed-in request runs it, and compiling the annotated queryset costs more than running it
    (about 4.5 of 6.5 ms on the 2-core VM): the ORM compiles it once per process and database, and
    each request runs that statement with its reader's id. Nothing read from the database is kept,
    only the text of the statement, and it names rows by code (the permission's codename, the app
    label and model name of Group for its key), never by id.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db import router
    from django.db.models import CharField, Exists, OuterRef, Subquery, Value

    alias = router.db_for_read(Group)
    if alias not in _statements:
        # The permission's id found once in the statement (an init plan), not joined per group row.
        access_admin = Permission.objects.filter(
            codename="access_admin", content_type__app_label="wagtailadmin").values("pk")[:1]
        admin = Group.permissions.through.objects.filter(group_id=OuterRef("pk"),
                                                         permission_id=Subquery(access_admin))
        key = _group_key(OuterRef("pk")) if _group_key is not None else Value(None, output_field=CharField())
        user_field = get_user_model()._meta.get_field("groups").related_query_name()
        queryset = (Group.objects.using(alias).filter(**{user_field: _ANY_USER})
                    .annotate(admin=Exists(admin), key=key)
                    .values_list("pk", "name", "page_permissions__page__path", "admin", "key"))
        sql, params = queryset.query.sql_with_params()
        _statements[alias] = (alias, sql, params, params.index(_ANY_USER))
    return _statements[alias]


def _forget_user_groups(instance, reverse, **kwargs):
    """A user object whose groups change forgets the groups `user_groups` kept on it."""
    if not reverse:
        instance.__dict__.pop("_frame_groups", None)


# Invalidation -------------------------------------------------------------------------------------

def _page_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        invalidate()


def connect():
    """Connect invalidation to every change that can alter the frame or a cached section."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from .models import FooterText, SiteSettings

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"frame_invalidate_{id(signal)}")
    # Pages saved outside the publish workflow (imports, add_child in code) and deletions.
    post_save.connect(_page_saved, dispatch_uid="frame_page_saved")
    post_delete.connect(_page_saved, dispatch_uid="frame_page_deleted")
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    # Documents and images: kept HTML (a resource's or a meeting's files) holds their URLs and sizes.
    for model in (FooterText, SiteSettings, Site, Locale, PageViewRestriction, get_document_model(),
                  get_image_model()):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"frame_saved_{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"frame_deleted_{model.__name__}")
    m2m_changed.connect(invalidate, sender=PageViewRestriction.groups.through, dispatch_uid="frame_restriction_groups")
    from django.contrib.auth import get_user_model

    m2m_changed.connect(_forget_user_groups, sender=get_user_model().groups.through, dispatch_uid="frame_user_groups")
    from . import edge_cache

    edge_cache.connect()
