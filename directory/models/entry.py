"""Derived read models of the directory, rebuilt by directory.entries: never edited by hand.

Filters, facets, coverage and matching read these denormalised integers instead of the
many-to-many tables. directory.entries writes them (`refresh_entries` on every save of an
organisation page and on view-restriction changes, `refresh_item_masks` on every save of a
need or offer) and `manage.py rebuild_directory_entries` rebuilds all of them from the
pages and items, e.g. after bulk SQL loads. Nothing else writes them; forms never show them.
They hold no access decision: every read applies the view restrictions read with the request
to the page each row belongs to (core.access.exclude_paths on its tree path).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryEntry(models.Model):
    """A live organisation (its page in the default language) with its vocabularies as bit masks.

    Written only by directory.entries (on every save of an organisation page and by
    `rebuild_directory_entries`); never edited by hand. An entry says nothing of who may see
    the organisation: readers see the entries whose page (`page__path`) lies under no path
    hidden from them (directory.browse.listed_entries, core.access.exclude_paths).
    `served` already includes the seat and, for organisations working nationwide, every
    voivodeship. `search_text` holds the name, description and city in every language.
    """

    page = models.OneToOneField(
        "directory.OrganisationPage", primary_key=True, on_delete=models.CASCADE, related_name="directory_entry",
    )
    title = models.CharField(max_length=255, db_index=True)
    first_published_at = models.DateTimeField(null=True, db_index=True)
    last_published_at = models.DateTimeField(null=True, db_index=True)
    legal_form = models.CharField(max_length=20, blank=True, db_index=True)
    served = models.BigIntegerField(default=0)
    sectors = models.BigIntegerField(default=0)
    target_groups = models.BigIntegerField(default=0)
    languages = models.BigIntegerField(default=0)
    offers = models.BigIntegerField(default=0)
    needs = models.BigIntegerField(default=0)
    search_text = models.TextField(blank=True)
    refreshed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def __str__(self):
        return self.title


class SupportItemMasks(models.Model):
    """The `*_mask` columns of a need or offer (directory.SupportItem): its vocabularies as bit
    masks (home.bits), derived from its many-to-many fields by
    `directory.entries.refresh_item_masks` after every save (rebuilt by `rebuild_directory_entries`)."""

    regions_mask = models.BigIntegerField(default=0, editable=False)
    served_mask = models.BigIntegerField(default=0, editable=False)  # regions, or every voivodeship if nationwide
    sectors_mask = models.BigIntegerField(default=0, editable=False)
    target_groups_mask = models.BigIntegerField(default=0, editable=False)
    languages_mask = models.BigIntegerField(default=0, editable=False)

    class Meta:
        abstract = True
