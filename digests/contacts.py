"""Audiences of contact persons of member organisations (membership communications).

An audience is the published organisations that serve the mailing's voivodeships (seat,
regions served or nationwide), work in its sectors and are represented in its working
groups (an empty choice selects all), and in each the chosen roles: the contact person named
in the profile, the managers, the other members. Every address is one Contact (once,
whatever the number of organisations it stands for), in the language of its account
when it has one, Polish otherwise; contacts who unsubscribed are left out.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import Contact, Mailing
from .sources import working_group_organisations


def organisations_for(mailing):
    """The default-language, published organisations that the mailing's filters select."""
    from directory.models import OrganisationPage

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


def _people(mailing, organisations):
    """{lower-case e-mail: (name, user or None)} of the chosen roles in `organisations`."""
    from directory.models import Membership

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


def contact_audience(mailing):
    """Contacts (created or brought up to date) of a contact-persons mailing who have not unsubscribed."""
    if mailing.audience != Mailing.CONTACTS:
        return Contact.objects.none()
    people = _people(mailing, organisations_for(mailing))
    known = {contact.email: contact for contact in Contact.objects.filter(email__in=people)}
    for email, (name, user) in people.items():
        language = user.language if user is not None and user.language else settings.LANGUAGE_CODE
        contact = known.get(email)
        if contact is None:
            Contact.objects.create(email=email, name=name[:200], language=language, user=user)
        elif (contact.name, contact.language, contact.user_id) != (name[:200], language, user and user.pk):
            contact.name, contact.language, contact.user = name[:200], language, user
            contact.save(update_fields=["name", "language", "user"])
    return Contact.objects.filter(email__in=people, status=Contact.ACTIVE)


def contact_audience_size(mailing):
    """How many contacts the mailing would reach now (nothing is written)."""
    people = _people(mailing, organisations_for(mailing))
    return len(people) - Contact.objects.filter(email__in=people, status=Contact.UNSUBSCRIBED).count()
