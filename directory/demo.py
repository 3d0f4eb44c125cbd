"""Demo content of the directory: the directory page, ≈30 organisations in pl/uk/en,
memberships of a demo person, and the registration workflow. Idempotent."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from home.demo_size import is_small
from home.models import Language, Sector, SupportType, TargetGroup, Voivodeship
from home.skeleton import site_home

from . import skeleton
from .demo_data import CITIES, ORGANISATIONS, SUPPORT_ITEMS, descriptions
from .models import Membership, OrganisationPage, SupportItem
from .translation import set_descriptions
from .validators import make_nip

DEMO_EMAIL = "demo@forum-razem.pl"
DEMO_PASSWORD = "demo-razem-2026"
# The demo person's organisations: (index in ORGANISATIONS, role).
DEMO_MEMBERSHIPS = ((0, Membership.MANAGER), (3, Membership.MANAGER), (9, Membership.MEMBER))
# The small demo set (load_demo_data --small) keeps the organisations the rest of the demo refers to:
# the demo person's and those with needs and offers.
SMALL_SET = {n for n, _role in DEMO_MEMBERSHIPS} | {item[0] for item in SUPPORT_ITEMS}


def demo_user():
    """The demo person (manager of a few organisations); e-mail verified so they can sign in."""
    user, created = get_user_model().objects.get_or_create(
        email=DEMO_EMAIL, defaults={"username": "demo", "first_name": "Oksana", "last_name": "Demo", "language": "uk"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def demo_organisation(n):
    """The page of the n-th organisation of the demo set (ORGANISATIONS), or None when it is not loaded."""
    return OrganisationPage.objects.filter(nip=make_nip(10_000 + n)).first()


def _terms(model, codes):
    return list(model.objects.filter(code__in=codes))


def create_organisation(index, n, row):
    """Create and publish one demo organisation with its translations (skipped when present)."""
    name, legal_form, city, voivodeship, regions, sectors, groups, languages, offers, needs, founded = row
    nip = make_nip(10_000 + n)
    if OrganisationPage.objects.filter(nip=nip).exists():
        return None
    page = OrganisationPage(
        title=name, slug=f"org-{n + 1}", legal_form=legal_form, nip=nip, city=city, founded_year=founded,
        voivodeship=Voivodeship.objects.get(code=voivodeship), nationwide=regions == "all",
        website=f"https://org{n + 1}.example.org", email=f"kontakt@org{n + 1}.example.org",
        contact_name="Anna Nowak", contact_email=f"anna.nowak@org{n + 1}.example.org",
        last_confirmed_at=timezone.now() - timezone.timedelta(days=40 * n),
    )
    texts = descriptions(name, city, sectors)
    page.description = texts["pl"]
    page.sectors = _terms(Sector, sectors)
    page.target_groups = _terms(TargetGroup, groups)
    page.languages = _terms(Language, languages)
    page.support_offered = _terms(SupportType, offers)
    page.support_needed = _terms(SupportType, needs)
    page.regions_served = [] if regions == "all" else _terms(Voivodeship, regions)
    index.add_child(instance=page)
    page.save_revision().publish()
    uk_city, en_city = CITIES.get(city, ("", ""))
    set_descriptions(page, texts, cities={"uk": uk_city, "en": en_city})
    return page


def load(log):
    index = skeleton.build(site_home())

    rows = [(n, row) for n, row in enumerate(ORGANISATIONS) if not is_small() or n in SMALL_SET]
    created = [create_organisation(index, n, row) for n, row in rows]
    log(f"{sum(1 for page in created if page)} new organisations ({len(rows)} in the demo set)")

    user = demo_user()
    for n, role in DEMO_MEMBERSHIPS:
        organisation = demo_organisation(n)
        if organisation:
            Membership.objects.get_or_create(organisation=organisation, user=user, defaults={"role": role})
    log(f"demo person {DEMO_EMAIL} (password {DEMO_PASSWORD}) manages 2 organisations, belongs to a third")
    load_support_items(log)


def load_support_items(log):
    """A few needs and offers (pl, with uk/en translations), and one accepted partnership."""
    created = 0
    for n, kind, support_type, regions, sectors, groups, languages, texts in SUPPORT_ITEMS:
        organisation = demo_organisation(n)
        if organisation is None or SupportItem.objects.filter(organisation=organisation, title=texts["pl"][0]).exists():
            continue
        item = SupportItem(
            organisation=organisation, kind=kind, support_type=SupportType.objects.get(code=support_type),
            title=texts["pl"][0], description=texts["pl"][1], nationwide=regions == "all",
            valid_until=timezone.localdate() + timezone.timedelta(days=90), locale=organisation.locale,
        )
        item.save()
        item.regions.set([] if regions == "all" else _terms(Voivodeship, regions))
        item.sectors.set(_terms(Sector, sectors))
        item.target_groups.set(_terms(TargetGroup, groups))
        item.languages.set(_terms(Language, languages))
        item.save()
        for code in ("uk", "en"):
            from wagtail.models import Locale

            translated = item.copy_for_translation(Locale.objects.get(language_code=code))
            translated.title, translated.description = texts[code]
            translated.save()
        created += 1
    log(f"{created} new needs and offers")


def organisations_titled(titles):
    """{title: Polish page} of the demo organisations with these titles (co-leads of the groups' demo)."""
    return {page.title: page for page in OrganisationPage.objects.filter(title__in=titles, locale__language_code="pl")}


# Finders for the demos of the apps after the directory (home.demo_offers).
OFFERS = {"organisations_titled": organisations_titled, "organisation": demo_organisation, "demo_user": demo_user}
