"""Factories of the directory's pages and memberships, for tests and benchmarks."""

import factory
import wagtail_factories

from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship

from .models import DirectoryIndexPage, Membership, OrganisationPage, SupportItem
from .validators import make_nip  # noqa: F401 re-exported for tests and bench


class DirectoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DirectoryIndexPage

    title = "Katalog organizacji"
    slug = "katalog"


def terms(model, codes):
    return list(model.objects.filter(code__in=codes))


class OrganisationPageFactory(wagtail_factories.PageFactory):
    """A published organisation; pass `sectors=[codes]` etc. to set its vocabularies."""

    class Meta:
        model = OrganisationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Fundacja Przykładowa {n}")
    slug = factory.Sequence(lambda n: f"organizacja-{n}")
    legal_form = "foundation"
    nip = factory.Sequence(make_nip)
    city = "Warszawa"
    voivodeship = factory.LazyFunction(lambda: Voivodeship.objects.get(code="mazowieckie"))
    description = factory.Faker("paragraph", locale="pl_PL")
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        m2m = {name: kwargs.pop(name, None) for name in
               ("sectors", "target_groups", "languages", "regions_served", "support_offered", "support_needed")}
        page = super()._create(model_class, *args, **kwargs)
        models = {"sectors": Sector, "target_groups": TargetGroup, "languages": Language,
                  "regions_served": Voivodeship, "support_offered": SupportType, "support_needed": SupportType}
        changed = False
        for name, codes in m2m.items():
            if codes is None and name == "sectors":
                codes = ["legal-aid"]
            if codes is not None:
                getattr(page, name).set(terms(models[name], codes))
                changed = True
        if changed:
            page.save()
        return page


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationPageFactory)
    user = factory.SubFactory("home.factories.UserFactory")
    role = Membership.MANAGER


class SupportItemFactory(factory.django.DjangoModelFactory):
    """An open need or offer; pass codes lists for sectors, regions, target_groups, languages."""

    class Meta:
        model = SupportItem
        skip_postgeneration_save = True

    kind = SupportItem.NEED
    title = factory.Sequence(lambda n: f"Potrzeba {n}")
    description = "Opis"
    support_type = factory.LazyFunction(lambda: SupportType.objects.get(code="financial"))
    locale = factory.LazyAttribute(lambda item: item.organisation.locale)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        codes = {name: kwargs.pop(name, None) for name in ("sectors", "regions", "target_groups", "languages")}
        if isinstance(kwargs.get("support_type"), str):
            kwargs["support_type"] = SupportType.objects.get(code=kwargs["support_type"])
        item = super()._create(model_class, *args, **kwargs)
        models = {"sectors": Sector, "regions": Voivodeship, "target_groups": TargetGroup, "languages": Language}
        for name, values in codes.items():
            if values:
                getattr(item, name).set(terms(models[name], values))
        item.save()
        return item
