"""Factories of the catalogue's pages (tests, permission matrix, bench)."""

import factory
import wagtail_factories

from home.models import Sector, TargetGroup, Voivodeship

from .models import InnovationIndexPage, InnovationPage


class InnovationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InnovationIndexPage

    title = "Innowacje gotowe do skalowania"
    slug = "innowacje"


class InnovationPageFactory(wagtail_factories.PageFactory):
    """A published innovation; pass `sectors=[codes]`, `target_groups=[codes]`, `regions=[codes]`."""

    class Meta:
        model = InnovationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Innowacja {n}")
    slug = factory.Sequence(lambda n: f"innowacja-{n}")
    summary = "Krótki opis innowacji."
    problem = "Problem."
    solution = "Rozwiązanie."
    results = "Wyniki: 120 osób."
    stage = "pilot"
    cost_band = "under-20k"
    requirements = "Dwie osoby i sala."
    contact_name = "Anna Kowalska"
    contact_email = "anna@example.org"
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        codes = {"sectors": (Sector, kwargs.pop("sectors", ["education"])),
                 "target_groups": (TargetGroup, kwargs.pop("target_groups", ["refugees-ukraine"])),
                 "regions": (Voivodeship, kwargs.pop("regions", ["mazowieckie"]))}
        page = super()._create(model_class, *args, **kwargs)
        for name, (model, values) in codes.items():
            getattr(page, name).set(model.objects.filter(code__in=values))
        page.save()
        if page.live:
            page.save_revision().publish()
        return page
