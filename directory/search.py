"""The member directory: organisations (their public profile only, never the contact person),
and their needs and offers (open items of published, public organisations only); the loader of
the relevance set's organisations (search_eval)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from core.access import public_pages
from home.models import Voivodeship
from home.translation import ensure_translation
from search.audience import PUBLIC
from search.pages import PageAdapter
from search.registry import (Adapter, Entry, listing_link, register, register_browse_link,
                             register_evaluation_corpus)
from search.tasks import enqueue

from .importing import import_organisations
from .models import DirectoryIndexPage, OrganisationPage
from .registration import directory_index, ensure_registration_workflow


class OrganisationAdapter(PageAdapter):
    kind = "organisation"
    label = _("Organisation")
    model = "directory.OrganisationPage"
    summary_field = "description"

    facet_lookups = {"sector": ("sectors__code",), "target_group": ("target_groups__code",),
                     "voivodeship": ("regions_served__code", "voivodeship__code")}

    def summary(self, page):
        return page.description[:300]

    def body(self, page):
        return " ".join([page.description, page.city])

    def date(self, page):
        return None  # an organisation has no date worth a "year" facet



class SupportItemAdapter(Adapter):
    """Needs and offers: one entry per item (its default-language row), texts from every translation.

    Only items still looking for a partner (open or in talks, not expired) of live organisation
    pages without view restrictions are searchable, and then by everyone: the listing
    shows them publicly. Status changes the directory makes with `.update()` (expiry,
    partnerships) send no signal; `search.tasks.reconcile_support` catches them.
    """

    kind = "support"
    label = _("Need or offer")
    model = "directory.SupportItem"
    facet_lookups = {"sector": ("sectors__code",), "target_group": ("target_groups__code",),
                     "voivodeship": ("regions__code",)}

    def queryset(self):
        public = public_pages(OrganisationPage.objects.live()).values("pk")
        return (self.get_model().objects.in_default_language().open().filter(organisation__in=public)
                .select_related("organisation", "support_type"))

    def object_ids(self, item):
        """A translation's change updates the entry of its default-language item."""
        if item.locale.language_code == settings.LANGUAGE_CODE:
            return [item.pk]
        return list(self.get_model().objects.in_default_language()
                    .filter(translation_key=item.translation_key).values_list("pk", flat=True))

    def connect(self):
        for signal in (page_published, page_unpublished):
            signal.connect(self.on_organisation_changed, sender=OrganisationPage, weak=False,
                           dispatch_uid=f"search_support_{signal is page_published}")

    def on_organisation_changed(self, sender, instance, **kwargs):
        """Publishing or unpublishing an organisation shows or hides its items."""
        items = self.get_model().objects.in_default_language().filter(
            organisation__translation_key=instance.translation_key)
        for pk in items.values_list("pk", flat=True):
            enqueue(self.kind, pk)

    def entry(self, item):
        return self.entries([item])[0] if item is not None else None

    def entries(self, items):
        """Entries of a chunk of items: their translations in one query."""
        if not items:
            return []
        translations = {}
        for row in (self.get_model().objects.filter(translation_key__in=[i.translation_key for i in items])
                    .select_related("locale").only("translation_key", "title", "description", "locale__language_code")):
            translations.setdefault(row.translation_key, []).append(row)
        codes = self.chunk_facets(items)
        return [self._entry(item, translations.get(item.translation_key, [item]), codes[item.pk]) for item in items]

    def _entry(self, item, rows, codes):
        if item.nationwide:
            codes["voivodeship"] = {code for code, _label in Voivodeship.CHOICES}
        texts, urls = {}, {}
        rows = sorted(rows, key=lambda row: row.pk != item.pk)  # the original first
        for row in rows:
            language = row.locale.language_code
            with translation.override(language):
                # What a reader of that language may type: the kind and the support type in words.
                words = [str(item.get_kind_display()), item.support_type.label, item.organisation.title,
                         item.capacity]
                urls[language] = reverse("directory:item", args=[item.pk])
            texts[language] = {"title": row.title, "summary": row.description[:300],
                               "body": " ".join(filter(None, [row.description, *words]))}
        with translation.override(settings.LANGUAGE_CODE):
            url = reverse("directory:item", args=[item.pk])  # the queryset holds default-language items only
        return Entry(
            kind=self.kind, object_id=item.pk, title=item.title, url=url, summary=item.description[:300],
            texts=texts, urls=urls, date=item.created_at.date(),
            facets=codes,
            audience={PUBLIC}, paths=(item.organisation.path,),
        )


register(OrganisationAdapter())
register(SupportItemAdapter())


@register_evaluation_corpus
def load_evaluation_corpus(csv_path):
    """The relevance set's organisations (search/eval/ORGANISATIONS.csv), imported and published; on a
    fresh database the home pages in every language, the directory and its workflow come first."""
    from .factories import DirectoryIndexPageFactory  # factory_boy is a dev dependency, as is search_eval

    home = Site.objects.get(is_default_site=True).root_page.specific
    for code, _name in settings.LANGUAGES:
        if code != home.locale.language_code:
            ensure_translation(home, code, title=f"Forum Razem {code}")
    if directory_index() is None:
        DirectoryIndexPageFactory(parent=home)
    ensure_registration_workflow()
    with open(csv_path, "rb") as handle:
        return import_organisations(handle, publish=True)


# The search's facets as the directory's list names them (browse.FACETS).
BROWSE_PARAMETERS = {"sector": "sector", "voivodeship": "region", "target_group": "target_group"}


@register_browse_link
def browse_directory(language, query, filters):
    """The directory's list in `language` with the search's words and the filters it shares."""
    return listing_link(DirectoryIndexPage, _("Browse the directory of organisations"), BROWSE_PARAMETERS,
                        language, query, filters)
