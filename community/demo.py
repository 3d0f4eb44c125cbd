"""Demo content: discussions in the demo working groups and member updates (pl, uk, en); idempotent."""

from django.contrib.auth import get_user_model
from django.db.models import Min

from accounts.affiliations import live_member_organisations
from accounts.group_roles import coordinators_of
from home.demo_offers import demo_offer
from home.models import Sector, Voivodeship

from .group_pages import group_pages
from .models import OrganisationUpdate, Post, Thread, ThreadSubscription

DEMO_PEOPLE = [
    ("demo.olena@example.org", "Olena", "Kovalenko", "uk"),
    ("demo.marta@example.org", "Marta", "Nowak", "pl"),
]

THREADS = [
    (
        "Kursy języka polskiego dla dorosłych — gdzie są wolne miejsca?",
        Thread.Visibility.MEMBERS,
        [
            "Zbieramy informacje o kursach polskiego dla dorosłych w naszych województwach. "
            "Proszę dopisujcie: miasto, poziom, godziny i czy jest opieka nad dziećmi.",
            "W Lublinie od marca ruszają dwie grupy A2 wieczorem, zapisy: https://example.org/kursy-lublin\n\n"
            "Opieka nad dziećmi tylko w soboty.",
        ],
    ),
    (
        "Досвід працевлаштування: що працює у ваших містах?",
        Thread.Visibility.REGISTERED,
        [
            "Колеги, поділіться, будь ласка, досвідом: які програми допомагають жінкам з дітьми "
            "знайти роботу? Нас цікавлять гнучкі години та визнання дипломів.",
            "У Вроцлаві добре працюють менторські пари з місцевими роботодавцями — понад 40 осіб "
            "знайшли роботу за пів року.",
        ],
    ),
    (
        "Draft position on housing benefits — comments by Friday",
        Thread.Visibility.MEMBERS,
        [
            "The draft position for the ministry is in the group's documents. Please add your comments "
            "here by Friday; we will discuss the open points at the next meeting.",
        ],
    ),
]


def _people():
    User = get_user_model()
    people = []
    for email, first, last, language in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"username": email, "first_name": first, "last_name": last, "language": language}
        )
        if created:
            user.set_unusable_password()
            user.save()
        people.append(user)
    return people


# (kind, language, text, sector codes, voivodeship codes): empty codes take the organisation's own.
UPDATES = [
    (OrganisationUpdate.Kind.ACTIVITY, "pl",
     "W październiku nasz punkt porad prawnych w Lublinie przyjął 212 osób, najczęściej w sprawach "
     "legalizacji pobytu i świadczeń rodzinnych.", [], []),
    (OrganisationUpdate.Kind.PLAN, "uk",
     "З січня відкриваємо вечірні консультації для батьків щодо вступу дітей до польських шкіл.", [], []),
    (OrganisationUpdate.Kind.CHALLENGE, "pl",
     "Brakuje tłumaczy przysięgłych języka ukraińskiego: terminy oczekiwania sięgają sześciu tygodni, "
     "co blokuje sprawy w urzędach.", ["legal-aid"], ["lubelskie", "mazowieckie"]),
    (OrganisationUpdate.Kind.CHALLENGE, "en",
     "Landlords increasingly refuse short leases to families with temporary protection; we need "
     "guarantees or a mediation scheme.", ["housing"], ["mazowieckie"]),
    (OrganisationUpdate.Kind.CALL, "uk",
     "Шукаємо партнерів для спільного проєкту психологічної підтримки підлітків у Вроцлаві.",
     ["mental-health"], ["dolnoslaskie"]),
]


def load_updates(log):
    """A few updates of each kind from the first demo organisations (authors: their members, if any)."""
    organisations = list(live_member_organisations().order_by("pk")[:3])  # in the default language, Polish
    if not organisations:
        log("no organisations yet: no member updates")
        return
    created = 0
    for number, (kind, language, text, sectors, voivodeships) in enumerate(UPDATES):
        organisation = organisations[number % len(organisations)]
        if OrganisationUpdate.objects.filter(organisation=organisation, text=text).exists():
            continue
        author = get_user_model().objects.filter(directory_memberships__organisation=organisation).first()
        update = OrganisationUpdate.objects.create(organisation=organisation, author=author, kind=kind,
                                                   language=language, text=text)
        update.sectors.set(Sector.objects.filter(code__in=sectors) if sectors else organisation.sectors.all())
        update.voivodeships.set(Voivodeship.objects.filter(code__in=voivodeships) if voivodeships
                                else [organisation.voivodeship] if organisation.voivodeship_id else [])
        created += 1
    log(f"{created} member updates")


def load(log):
    """Member updates, then a few discussions with replies in each of the first demo working groups."""
    load_updates(log)
    load_discussions(log)


def load_discussions(log):
    """A few discussions with replies in each of the first demo working groups."""
    first_pages = group_pages().values("translation_key").annotate(first=Min("pk")).values("first")
    groups = list(group_pages().live().filter(pk__in=first_pages).order_by("pk")[:3])
    # Up to two of a group's members write; the groups' demo appoints one of ours in a group without any.
    authors_of = demo_offer("discussion_authors")
    if not groups or authors_of is None:
        log("no working groups yet: no discussions")
        return
    people = _people()
    created = 0
    for group in groups:
        authors = authors_of(group, people)
        coordinator = next(iter(coordinators_of(group)), None)
        for title, visibility, bodies in THREADS:
            if Thread.objects.filter(group=group, title=title).exists():
                continue
            thread = Thread.objects.create(group=group, title=title, author=authors[0], visibility=visibility,
                                           post_count=len(bodies))
            for number, body in enumerate(bodies):
                author = authors[number % len(authors)]
                Post.objects.create(thread=thread, author=author, body=body)
                ThreadSubscription.objects.get_or_create(thread=thread, user=author)
            if coordinator is not None and bodies is THREADS[0][2]:
                thread.pinned = True
                thread.save(update_fields=["pinned"])
            created += 1
    log(f"{created} discussions in {len(groups)} working groups")
