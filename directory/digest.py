"""New organisations and new needs and offers for digests (the content-source protocol of digests.sources)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from digests.pages import page_digest_items
from digests.sources import DigestItem, ItemText, working_group_organisations
from digests.visibility import page_audiences

from .models import Membership, OrganisationPage, SupportItem


def _regions(page):
    return ["all"] if page.nationwide else [term.code for term in page.regions_served.all()] + (
        [page.voivodeship.code] if page.voivodeship_id else []
    )


def organisation_items(start, end):
    """Organisations first published in [start, end), with their sectors and the voivodeships they serve."""
    return page_digest_items(
        OrganisationPage, start, end, "organisations", summary=lambda page: page.description[:300],
        sectors=lambda page: [term.code for term in page.sectors.all()],
        voivodeships=_regions, prefetch=("sectors", "regions_served", "voivodeship"),
    )


def support_items(start, end):
    """Needs and offers posted in [start, end) by published organisations, each with its translations,
    mailed to those who may see its organisation (the view restrictions read now: core.access)."""
    originals = list(
        SupportItem.objects.in_default_language().open().filter(
            created_at__gte=start, created_at__lt=end, organisation__live=True
        ).select_related("organisation").prefetch_related("sectors", "regions").order_by("created_at", "pk")
    )
    audiences = page_audiences({item.organisation for item in originals})
    translations = {}
    for item in SupportItem.objects.filter(translation_key__in=[i.translation_key for i in originals]).select_related(
        "locale"
    ):
        translations.setdefault(item.translation_key, []).append(item)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    items = []
    for original in originals:
        texts = {}
        for version in translations.get(original.translation_key, [original]):
            language = version.locale.language_code
            with translation.override(language):
                url = base + reverse("directory:item", args=[original.pk])
            texts[language] = ItemText(title=version.title, url=url, summary=version.description[:300])
        items.append(DigestItem(
            key=f"directory.supportitem:{original.translation_key}", kind="needs-offers",
            published_at=original.created_at, texts=texts, original_language=settings.LANGUAGE_CODE,
            sectors=frozenset(term.code for term in original.sectors.all()),
            voivodeships=frozenset(["all"] if original.nationwide else [t.code for t in original.regions.all()]),
            audience=audiences[original.organisation_id],
        ))
    return items


def digest_items(start, end):
    """New organisations, then new needs and offers."""
    return organisation_items(start, end) + support_items(start, end)


# Contact-persons mailings (digests.contacts) ----------------------------------------------------------

def mailing_organisations(mailing):
    """The default-language, published organisations that the mailing's filters select."""
    organisations = OrganisationPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)
    voivodeships = list(mailing.voivodeships.values_list("pk", flat=True))
    if voivodeships:
        organisations = organisations.filter(
            Q(voivodeship_id__in=voivodeships) | Q(regions_served__in=voivodeships) | Q(nationwide=True))
    sectors = list(mailing.sectors.values_list("pk", flat=True))
    if sectors:
        organisations = organisations.filter(sectors__in=sectors)
    groups = list(mailing.working_groups.values_list("pk", flat=True))
    if groups:
        represented = OrganisationPage.objects.filter(pk__in=working_group_organisations(groups))
        organisations = organisations.filter(translation_key__in=represented.values("translation_key"))
    return organisations.distinct()


def _mailing_people(mailing, organisations):
    """{lower-case e-mail: (name, user or None)} of the chosen roles in `organisations`."""
    people = {}
    roles = [role for role, wanted in ((Membership.MANAGER, mailing.to_managers),
                                       (Membership.MEMBER, mailing.to_members)) if wanted]
    if roles:
        for membership in Membership.objects.filter(organisation__in=organisations.values("pk"), role__in=roles,
                                                    user__is_active=True).select_related("user"):
            user = membership.user
            people.setdefault(user.email.lower(), (user.get_full_name() or "", user))
    if mailing.to_profile_contacts:
        named = organisations.exclude(contact_email="").values_list("contact_email", "contact_name")
        accounts = {}
        emails = {email.lower() for email, _name in named}
        for user in get_user_model().objects.filter(is_active=True, email__in=emails):
            accounts[user.email.lower()] = user
        for email, name in named:
            people.setdefault(email.lower(), (name, accounts.get(email.lower())))
    return people


def contact_people(mailing):
    """{lower-case e-mail: (name, user or None)} of a contact-persons mailing (digests.contacts): the chosen
    roles in the organisations its filters select."""
    return _mailing_people(mailing, mailing_organisations(mailing))
