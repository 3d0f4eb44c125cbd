"""Public views of needs and offers: listing, detail with suggested matches, posting, partnerships."""

from collections import namedtuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.http import HttpResponse, JsonResponse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from home.facets import Facet, count_all, facet_groups, filtered, paginate, read_filters
from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship
from search.listings import rank_order, ranked_pks
from search.text import clean_query

from core.access import reader_hidden_paths

from .browse import ITEM_PATH, listed_items, listing_key, localise, read_page_size
from .entries import cache_timeout, digest, entries_version, items_version
from .forms import PartnershipForm, SupportItemForm
from .hxl import csv_bytes, dated_filename
from .item_exports import EXPORT_COLUMNS as ITEM_EXPORT_COLUMNS
from .item_exports import item_records
from .matching import attach_terms, pool_version, suggestions
from .models import Partnership, SupportItem
from .permissions import can_edit_organisation, is_partnership_party, organisations_of
from .support import SupportError, accept_partnership, decline_partnership, propose_partnership, queue_match_notices
from .translation import item_translations_of, set_item_translations

ITEM_FACETS = [
    Facet("kind", gettext_lazy("Need or offer"), SupportItem.KINDS, "kind", "column", SupportItem),
    Facet("type", gettext_lazy("Support type"), SupportType.CHOICES, "support_type", "fk", SupportItem),
    Facet("region", gettext_lazy("Voivodeship"), Voivodeship.CHOICES, "served_mask", "mask", SupportItem, Voivodeship),
    Facet("sector", gettext_lazy("Sector"), Sector.CHOICES, "sectors_mask", "mask", SupportItem, Sector),
    Facet("target_group", gettext_lazy("Target group"), TargetGroup.CHOICES, "target_groups_mask", "mask",
          SupportItem, TargetGroup),
    Facet("language", gettext_lazy("Language"), Language.CHOICES, "languages_mask", "mask", SupportItem, Language),
    Facet("status", gettext_lazy("Status"), SupportItem.STATUSES[:2], "status", "column", SupportItem),
]


def localise_items(items):
    """[(item, shown)] with the translation in the reader's language when there is one (one query)."""
    language = translation.get_language()
    shown = {}
    if items and language != settings.LANGUAGE_CODE:
        shown = {
            item.translation_key: item
            for item in SupportItem.objects.filter(translation_key__in=[i.translation_key for i in items],
                                                   locale__language_code=language)
        }
    return [(item, shown.get(item.translation_key, item)) for item in items]


def name_organisations(items):
    """Give each item `organisation_shown`: its organisation's live page in the reader's language, else
    the original (one query for all items; none in the default language)."""
    organisations = {item.organisation_id: item.organisation for item in items}
    shown = {page.pk: translated
             for page, translated in localise(list(organisations.values()), translation.get_language())}
    for item in items:
        item.organisation_shown = shown[item.organisation_id]
    return items


def item_search_q(query):
    """Q: the search service finds the need or offer for `query` (the keyword box of the listing)."""
    return Q(pk__in=ranked_pks(SupportItem, "support", query))


def _listed_items(params, hidden):
    """(query, selected filters, base, ordered results) of the listing's parameters, for a reader from
    whom the tree paths `hidden` are hidden (`base` is the same for everyone: the counts' table)."""
    query = clean_query(params.get("q", ""))
    selected = read_filters(params, ITEM_FACETS)
    base = listed_items()
    results = (
        filtered(listed_items(hidden), query, selected, facets=ITEM_FACETS, text=item_search_q)
        .select_related("organisation", "support_type")
    )
    if query:  # relevance first, as in the site search (the same service answers)
        results = results.annotate(rank=rank_order(ranked_pks(SupportItem, "support", query))).order_by(
            "rank", "-created_at", "-pk")
    else:
        results = results.order_by("-created_at", "-pk")
    return query, selected, base, results


ItemListing = namedtuple("ItemListing", "items entries facets")


def item_list(request):
    """Open needs and offers with facets, counts, pagination; a plain GET form.

    The filters and results are kept as rendered HTML for every reader of the same data (the items'
    and directory's commit counters, and the day: items expire), tree paths hidden from them (read
    from the database with this request), parameters and language, as the directory's own listing
    (browse.listing_key); never with a text query, whose ranking comes from the search service. The
    rows are read only when the fragment is missing."""
    params = request.GET
    hidden = reader_hidden_paths(request)
    query, selected, base, results = _listed_items(params, hidden)
    version = (items_version(), entries_version(), timezone.localdate().isoformat())

    def listing():
        total, counts = count_all(base, query, selected, facets=ITEM_FACETS, text=item_search_q, version=version,
                                  path_field=ITEM_PATH, hidden=hidden)
        page_obj = paginate(results, total, params, read_page_size(params))
        return ItemListing(page_obj, localise_items(name_organisations(list(page_obj.object_list))),
                           facet_groups(selected, counts, ITEM_FACETS))

    return render(request, "directory/item_list.html", {
        "query": query, "listing": SimpleLazyObject(listing), "has_filters": bool(query or selected),
        "download_query": params.urlencode(),
        "listing_key": "" if query else listing_key(request, None, version, hidden, translation.get_language()),
        "listing_timeout": cache_timeout(),
    })


@require_GET
def item_download(request, fmt):
    """The open needs and offers of the listing's filters as CSV or JSON (HXL hashtags, dated file name)."""
    _query, _selected, _base, results = _listed_items(request.GET, reader_hidden_paths(request))
    items = localise_items(name_organisations(list(results)))
    records = item_records(items, request)
    if fmt == "json":
        response = JsonResponse({"generated": timezone.localdate().isoformat(), "hxl": dict(ITEM_EXPORT_COLUMNS),
                                 "items": records}, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(csv_bytes(ITEM_EXPORT_COLUMNS, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dated_filename("needs-offers", fmt)}"'
    return response


def _item_or_404(pk):
    return get_object_or_404(
        SupportItem.objects.select_related("organisation", "support_type", "locale"), pk=pk,
        locale__language_code=settings.LANGUAGE_CODE,
    )


def item_detail(request, pk):
    """One need or offer, its suggested matches with reasons, and partnership proposals."""
    item = _item_or_404(pk)
    hidden = reader_hidden_paths(request)
    # An organisation this reader may not see (unpublished, or under a view restriction read
    # with this request) shows its items only to those who edit it.
    concealed = not item.organisation.live or item.organisation.path.startswith(hidden)
    if concealed and not can_edit_organisation(request.user, item.organisation):
        raise PermissionDenied
    own_items = SupportItem.objects.none()
    if request.user.is_authenticated:
        own_items = listed_items().filter(
            kind=item.other_kind, organisation__in=organisations_of(request.user)
        ).exclude(organisation__translation_key=item.organisation.translation_key)
    # Organisations prefetched, not joined: see OrganisationPage.support_context.
    partnerships = list(
        Partnership.objects.filter(Q(need=item) | Q(offer=item))
        .select_related("need", "offer")
        .prefetch_related("need__organisation", "offer__organisation")
    )
    name_organisations([item, *[side for p in partnerships for side in (p.need, p.offer)]])
    attach_terms([item])  # its places, sectors, groups and languages from its masks, whether or not matched now
    can_edit = can_edit_organisation(request.user, item.organisation)
    # Editors get forms (with their CSRF token) next to the matches: never from the shared copy.
    matches_key = "" if can_edit and item.is_active else _matches_key(item, hidden)
    return render(request, "directory/item_detail.html", {
        "item": item, "shown": localise_items([item])[0][1],
        "matches": SimpleLazyObject(lambda: _matches(item, hidden)),  # read only when not kept as HTML
        "matches_key": matches_key, "matches_timeout": cache_timeout(),
        "can_edit": can_edit,
        "partnered": {side.pk for p in partnerships for side in (p.need, p.offer)},
        "propose_form": PartnershipForm(own_items=own_items) if own_items.exists() else None,
        "partnerships": _partnerships_for(request.user, item, partnerships),
    })


def _matches(item, hidden):
    """[(match, the matched item in the reader's language)] of `item`'s suggestions, best first."""
    matches = suggestions(item, hidden=hidden)
    shown = localise_items(name_organisations([match.item for match in matches]))
    return list(zip(matches, [translated for _item, translated in shown], strict=True))


def _matches_key(item, hidden):
    """The cache key of the rendered suggestions ("" when they are not kept): the same for every
    reader from whom the same tree paths are hidden, while no need, offer or directory entry is
    written (the match pools' versions, which every such write bumps) and the day lasts (scores
    age, items expire), per language."""
    version = pool_version(item.support_type_id)
    if not (cache_timeout() and all(version)):  # off, or the shared cache unreachable
        return ""
    return digest(item.pk, version, hidden, timezone.localdate().isoformat(), translation.get_language())


def _partnerships_for(user, item, partnerships):
    """What the reader may see of the item's partnerships: the two organisations and the Secretariat
    see every one with its message; everyone else only accepted ones, without the message (a person's
    words to another organisation, not a public statement)."""
    entries = []
    for p in partnerships:
        party = is_partnership_party(user, p)
        if not party and p.status != Partnership.ACCEPTED:
            continue
        entries.append({
            "partnership": p, "show_message": party,
            "can_answer": p.status == Partnership.PROPOSED and p.proposed_by_id != item.organisation_id
            and can_edit_organisation(user, item.organisation),
        })
    return entries


@transaction.atomic
def save_item(form, organisation, user, new=True):
    """Save a valid SupportItemForm as `organisation`'s need or offer, with its translations, and look
    for matches once committed (also used by other apps that offer a pre-filled need)."""
    saved = form.save(commit=False)
    saved.organisation = organisation
    if new:
        saved.created_by = user
        saved.locale_id = organisation.locale_id
    saved.save()
    form.save_m2m()
    saved.save()
    set_item_translations(saved, form.translations())
    queue_match_notices(saved)
    return saved


@login_required
@ratelimit(key="user", rate="60/h", method="POST", block=False)
def item_edit(request, organisation_pk, pk=None):
    """Members post a need or an offer for their organisation, or edit one."""
    from .views import _organisation_or_404

    organisation = _organisation_or_404(organisation_pk)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    item = None
    if pk is not None:
        item = get_object_or_404(SupportItem, pk=pk, organisation=organisation)
    initial = {"kind": request.GET.get("kind")} if item is None else None
    translations = item_translations_of(item) if item is not None else {}
    form = SupportItemForm(request.POST or None, instance=item, initial=initial, translations=translations)
    if request.method == "POST":
        if getattr(request, "limited", False):
            form.add_error(None, _("Too many changes in a short time. Please try again later."))
        elif form.is_valid():
            saved = save_item(form, organisation, request.user, new=item is None)
            messages.success(request, _("Saved."))
            return redirect("directory:item", pk=saved.pk)
    return render(request, "directory/item_form.html", {"form": form, "organisation": organisation, "item": item})


@login_required
@require_POST
def item_close(request, pk):
    """Members close their item (found elsewhere, no longer needed)."""
    item = _item_or_404(pk)
    if not can_edit_organisation(request.user, item.organisation):
        raise PermissionDenied
    SupportItem.objects.filter(translation_key=item.translation_key).update(updated_at=timezone.now(), status=SupportItem.CLOSED)
    messages.success(request, _("Closed."))
    return redirect("directory:item", pk=item.pk)


@login_required
@require_POST
@ratelimit(key="user", rate="30/h", method="POST", block=False)
def propose(request, pk):
    """Propose a partnership between one of our items and this one."""
    item = _item_or_404(pk)
    own_items = SupportItem.objects.filter(organisation__in=organisations_of(request.user),
                                           locale__language_code=settings.LANGUAGE_CODE)
    form = PartnershipForm(request.POST, own_items=own_items)
    if getattr(request, "limited", False):
        messages.error(request, _("Too many proposals in a short time. Please try again later."))
    elif form.is_valid():
        try:
            propose_partnership(request.user, form.cleaned_data["own_item"], item, form.cleaned_data["message"])
            messages.success(request, _("The partnership was proposed; the other organisation will be told."))
        except SupportError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose one of your organisation's needs or offers."))
    return redirect("directory:item", pk=item.pk)


@login_required
@require_POST
def answer(request, pk, decision):
    """The other side accepts or declines a proposed partnership."""
    partnership = get_object_or_404(Partnership, pk=pk)
    try:
        if decision == "accept":
            accept_partnership(request.user, partnership)
            messages.success(request, _("The partnership was recorded."))
        else:
            decline_partnership(request.user, partnership)
            messages.success(request, _("The proposal was declined."))
    except SupportError as error:
        messages.error(request, str(error))
    return redirect("directory:item", pk=request.POST.get("item") or partnership.need_id)
