"""The member directory: organisations (their public profile only, never the contact person)."""

from django.utils.translation import gettext_lazy as _

from ..registry import register
from .pages import PageAdapter


class OrganisationAdapter(PageAdapter):
    kind = "organisation"
    label = _("Organisation")
    model = "directory.OrganisationPage"
    summary_field = "description"

    def queryset(self):
        return super().queryset().select_related("voivodeship").prefetch_related(
            "regions_served", "sectors", "target_groups")

    def summary(self, page):
        return page.description[:300]

    def body(self, page):
        return " ".join([page.description, page.city])

    def date(self, page):
        return None  # an organisation has no date worth a "year" facet

    def facets(self, page):
        regions = {term.code for term in page.regions_served.all()}
        if page.voivodeship_id:
            regions.add(page.voivodeship.code)
        return {
            "sector": {term.code for term in page.sectors.all()},
            "target_group": {term.code for term in page.target_groups.all()},
            "voivodeship": regions,
        }


register(OrganisationAdapter())
