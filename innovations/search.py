"""Innovations of the catalogue: one entry per innovation and its translations."""

from django.utils.translation import gettext_lazy as _

from search.pages import PageAdapter
from search.registry import register


class InnovationAdapter(PageAdapter):
    kind = "innovation"
    label = _("Innovation")
    model = "innovations.InnovationPage"
    summary_field = "summary"
    body_fields = ("problem", "solution", "context", "results", "requirements")
    facet_lookups = {"sector": ("sectors__code",), "target_group": ("target_groups__code",),
                     "voivodeship": ("regions__code",)}

    def queryset(self):
        return super().queryset().select_related("organisation")

    def body(self, page):
        organisation = page.organisation.title if page.organisation_id and page.organisation else ""
        return " ".join(filter(None, [super().body(page), organisation]))


register(InnovationAdapter())
