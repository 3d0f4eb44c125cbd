"""Audiences of contact persons of member organisations (membership communications).

An audience is the published organisations that serve the mailing's voivodeships (seat,
regions served or nationwide), work in its sectors and are represented in its working
groups (an empty choice selects all), and in each the chosen roles: the contact person named
in the profile, the managers, the other members. Every address is one Contact (once,
whatever the number of organisations it stands for), in the language of its account
when it has one, Polish otherwise; contacts who unsubscribed are left out.
"""

from django.conf import settings

from .models import Contact, Mailing
from .sources import source_modules


def _people(mailing):
    """{lower-case e-mail: (name, user or None)} of the chosen roles in the organisations the mailing
    selects, from the sources that know them (the directory: `contact_people` in its digest.py)."""
    people = {}
    for module in source_modules():
        provider = getattr(module, "contact_people", None)
        if provider is not None:
            for email, person in provider(mailing).items():
                people.setdefault(email, person)
    return people


def contact_audience(mailing):
    """Contacts (created or brought up to date) of a contact-persons mailing who have not unsubscribed."""
    if mailing.audience != Mailing.CONTACTS:
        return Contact.objects.none()
    people = _people(mailing)
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
    people = _people(mailing)
    return len(people) - Contact.objects.filter(email__in=people, status=Contact.UNSUBSCRIBED).count()
