"""Demo content of the working groups: groups in pl/uk/en, their pages and meetings, people.

Groups are led by UNHCR or co-led by Polish NGOs; each has a past meeting (agenda, minutes,
action items), an upcoming one, and a members-only page. Meeting dates are set relative to
the first load; a second run creates nothing.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from home.demo_offers import demo_offer
from home.models import Sector
from home.skeleton import site_home
from home.translation import ensure_translation, get_or_create_child

from . import skeleton
from .membership import appoint_coordinator, members_of
from .models import ActionItem, GroupContentPage, GroupMembership, MeetingPage, WorkingGroupPage
from .roles import ensure_space
from .visibility import restrict_to_members

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def _p(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


GROUPS = [
    {
        "slug": "edukacja",
        "sectors": ["education", "children-youth", "language"],
        "join_policy": WorkingGroupPage.JoinPolicy.OPEN,
        "contact_email": "edukacja@forum-razem.pl",
        "coordinator": ("koordynacja.edukacja@example.org", "Agnieszka", "Nowak", "pl"),
        "leads": ["Fundacja Mosty Edukacji", "Stowarzyszenie Lubuskie Mosty"],
        "text": {
            "pl": {
                "title": "Grupa robocza ds. edukacji",
                "topic": "Dostęp dzieci i młodzieży z Ukrainy do polskich szkół i wsparcie nauczycieli",
                "introduction": "Grupę współprowadzą Fundacja Mosty Edukacji i Stowarzyszenie Lubuskie Mosty, "
                                "przy wsparciu UNICEF.",
                "mandate": _p("Wymiana informacji o dostępie do edukacji, wspólne stanowiska wobec MEN i kuratoriów, "
                              "materiały dla nauczycieli i asystentów międzykulturowych."),
            },
            "uk": {
                "title": "Робоча група з питань освіти",
                "topic": "Доступ дітей і молоді з України до польських шкіл та підтримка вчителів",
                "introduction": "Групу спільно ведуть Фонд «Мости освіти» та Любуське товариство «Мости» "
                                "за підтримки ЮНІСЕФ.",
                "mandate": _p("Обмін інформацією про доступ до освіти, спільні позиції щодо Міністерства освіти "
                              "та кураторій, матеріали для вчителів і міжкультурних асистентів."),
            },
            "en": {
                "title": "Education working group",
                "topic": "Access of children and youth from Ukraine to Polish schools, and support for teachers",
                "introduction": "Co-led by the Bridges of Education Foundation and the Lubusz Bridges Association, "
                                "with UNICEF's support.",
                "mandate": _p("Sharing information on access to education, joint positions towards the Ministry of "
                              "Education and school boards, materials for teachers and intercultural assistants."),
            },
        },
        "meetings": [
            {
                "slug": "spotkanie-wrzesien", "days": -40, "hour": 10, "mode": MeetingPage.Mode.HYBRID,
                "capacity": 30,
                "text": {
                    "pl": ("Początek roku szkolnego: obowiązek szkolny i miejsca w szkołach",
                           _ul("Dane o liczbie uczniów z Ukrainy", "Klasy przygotowawcze", "Asystenci międzykulturowi"),
                           _p("Uczestniczyło 24 osoby z 17 organizacji. Ustalono wspólne zbieranie danych o "
                              "odmowach przyjęcia do szkół.")),
                    "uk": ("Початок навчального року: обов'язкове навчання та місця в школах",
                           _ul("Дані про кількість учнів з України", "Підготовчі класи", "Міжкультурні асистенти"),
                           _p("Взяли участь 24 особи з 17 організацій. Домовилися спільно збирати дані про "
                              "відмови у прийнятті до шкіл.")),
                    "en": ("Start of the school year: compulsory schooling and school places",
                           _ul("Data on pupils from Ukraine", "Preparatory classes", "Intercultural assistants"),
                           _p("24 people from 17 organisations took part. We agreed to collect data on refusals "
                              "of school admission together.")),
                },
                "actions": [("Zebrać dane o odmowach przyjęcia do szkół w 5 województwach", "Fundacja Mosty Edukacji", 14, False),
                            ("Przygotować notatkę dla MEN", "Koordynatorki grupy", 30, False),
                            ("Rozesłać listę kontaktów do kuratoriów", "Sekretariat Forum", 7, True)],
            },
            {
                "slug": "spotkanie-grudzien", "days": 12, "hour": 11, "mode": MeetingPage.Mode.ONLINE, "capacity": 50,
                "text": {
                    "pl": ("Egzaminy ósmoklasisty a uczniowie z Ukrainy", _ul("Dostosowania egzaminacyjne",
                           "Wsparcie językowe przed egzaminem"), ""),
                    "uk": ("Іспит восьмикласника та учні з України", _ul("Адаптація умов іспиту",
                           "Мовна підтримка перед іспитом"), ""),
                    "en": ("The eighth-grade exam and pupils from Ukraine", _ul("Exam accommodations",
                           "Language support before the exam"), ""),
                },
                "actions": [],
            },
        ],
    },
    {
        "slug": "mieszkalnictwo",
        "sectors": ["housing", "humanitarian-aid", "integration"],
        "join_policy": WorkingGroupPage.JoinPolicy.REQUEST,
        "contact_email": "housing@forum-razem.pl",
        "coordinator": ("housing.coordination@example.org", "Maria", "Kowalczyk", "en"),
        "leads": ["Fundacja Wspólny Dom"],
        "text": {
            "pl": {
                "title": "Grupa robocza ds. mieszkalnictwa",
                "topic": "Mieszkania dla rodzin opuszczających zbiorowe zakwaterowanie",
                "introduction": "Grupę prowadzi UNHCR wspólnie z Fundacją Wspólny Dom; współpracują w niej samorządy, "
                                "organizacje i spółdzielnie.",
                "mandate": _p("Mapowanie potrzeb mieszkaniowych, programy najmu społecznego, ochrona przed eksmisją."),
            },
            "uk": {
                "title": "Робоча група з питань житла",
                "topic": "Житло для родин, що залишають місця колективного проживання",
                "introduction": "Групу веде УВКБ ООН разом з Фондом «Спільний дім»; у ній співпрацюють органи "
                                "самоврядування, організації та кооперативи.",
                "mandate": _p("Картування житлових потреб, програми соціальної оренди, захист від виселення."),
            },
            "en": {
                "title": "Housing working group",
                "topic": "Homes for families leaving collective accommodation",
                "introduction": "Led by UNHCR with the Common Home Foundation, together with local governments, NGOs "
                                "and housing cooperatives.",
                "mandate": _p("Mapping housing needs, social rental schemes, protection against eviction."),
            },
        },
        "meetings": [
            {
                "slug": "najem-spoleczny", "days": -20, "hour": 13, "mode": MeetingPage.Mode.IN_PERSON,
                "capacity": 20,
                "text": {
                    "pl": ("Społeczne agencje najmu: doświadczenia z Wrocławia i Gdańska",
                           _ul("Model SAN", "Finansowanie z KPO", "Rola organizacji"),
                           _p("Przedstawiono dwa modele społecznych agencji najmu. Grupa przygotuje rekomendacje.")),
                    "uk": ("Соціальні агенції оренди: досвід Вроцлава та Гданська",
                           _ul("Модель соціальної агенції оренди", "Фінансування з KPO", "Роль організацій"),
                           _p("Представлено дві моделі соціальних агенцій оренди. Група підготує рекомендації.")),
                    "en": ("Social rental agencies: experience from Wrocław and Gdańsk",
                           _ul("The social rental agency model", "Recovery plan funding", "The role of NGOs"),
                           _p("Two models of social rental agencies were presented. The group will draft "
                              "recommendations.")),
                },
                "actions": [("Projekt rekomendacji w sprawie najmu społecznego", "UNHCR", 21, False)],
            },
            {
                "slug": "zbiorowe-zakwaterowanie", "days": 5, "hour": 10, "mode": MeetingPage.Mode.HYBRID,
                "capacity": 25,
                "text": {
                    "pl": ("Wygaszanie zbiorowego zakwaterowania: co dalej?", _ul("Harmonogram wojewodów",
                           "Osoby w najtrudniejszej sytuacji"), ""),
                    "uk": ("Згортання колективного проживання: що далі?", _ul("Графік воєвод",
                           "Люди в найскладнішій ситуації"), ""),
                    "en": ("Collective accommodation winding down: what next?", _ul("The voivodes' timetable",
                           "People in the most difficult situation"), ""),
                },
                "actions": [],
            },
        ],
    },
    {
        "slug": "zdrowie-psychiczne",
        "sectors": ["mental-health", "health", "protection"],
        "join_policy": WorkingGroupPage.JoinPolicy.REQUEST,
        "contact_email": "mhpss@forum-razem.pl",
        "coordinator": ("wsparcie.psychologiczne@example.org", "Олена", "Шевченко", "uk"),
        "leads": ["Centrum Wsparcia Psychologicznego „Przystań”", "Opolska Fundacja Rodzin"],
        "text": {
            "pl": {
                "title": "Grupa robocza ds. zdrowia psychicznego i wsparcia psychospołecznego",
                "topic": "Wsparcie psychologiczne dla osób uchodźczych i dla kadry organizacji",
                "introduction": "Grupę współprowadzą Centrum Wsparcia Psychologicznego „Przystań” i Opolska Fundacja "
                                "Rodzin, z UNHCR.",
                "mandate": _p("Mapa usług psychologicznych w językach ukraińskim i rosyjskim, standardy superwizji, "
                              "zapobieganie wypaleniu w organizacjach."),
            },
            "uk": {
                "title": "Робоча група з питань психічного здоров'я та психосоціальної підтримки",
                "topic": "Психологічна підтримка для людей з досвідом біженства та для працівників організацій",
                "introduction": "Групу спільно ведуть Центр психологічної підтримки «Пристань» та Опольський фонд "
                                "родин разом з УВКБ ООН.",
                "mandate": _p("Мапа психологічних послуг українською та російською мовами, стандарти супервізії, "
                              "запобігання вигоранню в організаціях."),
            },
            "en": {
                "title": "Mental health and psychosocial support working group",
                "topic": "Psychological support for refugees and for NGO staff",
                "introduction": "Co-led by the “Przystań” Psychological Support Centre and the Opole Family "
                                "Foundation, with UNHCR.",
                "mandate": _p("A map of psychological services in Ukrainian and Russian, supervision standards, "
                              "preventing burnout in organisations."),
            },
        },
        "meetings": [
            {
                "slug": "wypalenie", "days": -10, "hour": 16, "mode": MeetingPage.Mode.ONLINE, "capacity": None,
                "text": {
                    "pl": ("Zapobieganie wypaleniu w zespołach pomocowych", _ul("Wyniki ankiety", "Superwizja"),
                           _p("68% respondentów zgłasza objawy wypalenia. Grupa przygotuje katalog superwizorów.")),
                    "uk": ("Запобігання вигоранню в командах допомоги", _ul("Результати опитування", "Супервізія"),
                           _p("68% респондентів повідомляють про ознаки вигорання. Група підготує каталог "
                              "супервізорів.")),
                    "en": ("Preventing burnout in aid teams", _ul("Survey results", "Supervision"),
                           _p("68% of respondents report signs of burnout. The group will compile a list of "
                              "supervisors.")),
                },
                "actions": [("Katalog superwizorów pracujących po ukraińsku", "Centrum „Przystań”", 20, False)],
            },
        ],
    },
    {
        "slug": "granica-2022",
        "sectors": ["humanitarian-aid", "information"],
        "join_policy": WorkingGroupPage.JoinPolicy.INVITE,
        "status": WorkingGroupPage.Status.ARCHIVED,
        "contact_email": "",
        "coordinator": None,
        "text": {
            "pl": {"title": "Koordynacja pomocy na przejściach granicznych (2022)",
                   "topic": "Grupa działała w pierwszych miesiącach po 24 lutego 2022 r.", "introduction": "",
                   "mandate": ""},
            "uk": {"title": "Координація допомоги на пунктах пропуску (2022)",
                   "topic": "Група діяла в перші місяці після 24 лютого 2022 року.", "introduction": "",
                   "mandate": ""},
            "en": {"title": "Coordination of aid at border crossings (2022)",
                   "topic": "The group worked in the first months after 24 February 2022.", "introduction": "",
                   "mandate": ""},
        },
        "meetings": [],
    },
]

INTERNAL = {
    "pl": ("Notatki wewnętrzne grupy", "Kontakty robocze i ustalenia przeznaczone tylko dla członków grupy."),
    "uk": ("Внутрішні нотатки групи", "Робочі контакти й домовленості лише для учасників групи."),
    "en": ("The group's internal notes", "Working contacts and agreements for the group's members only."),
}

# Each active group's documents: titles in the languages members write them in; the last one members-only.
DOCUMENTS = [
    ("Protokół z posiedzenia grupy – wrzesień 2026", False),
    ("Minutes of the group meeting – October 2026", False),
    ("Протокол засідання групи – листопад 2026", False),
    ("Budżet grupy na 2027 rok (projekt do uwag)", True),
]


def _documents(group):
    """The group's demo documents (created once): plain-text files in its collections."""
    space = ensure_space(group)
    model = get_document_model()
    for number, (title, members_only) in enumerate(DOCUMENTS, start=1):
        collection = space.members_collection if members_only else space.collection
        if collection is None or model.objects.filter(title=title, collection=collection).exists():
            continue
        document = model(title=title, collection=collection)
        document.file.save(f"{group.slug}-{number}.txt", ContentFile(title.encode()), save=False)
        document.save()


FORUM_MEETINGS = [
    {
        "slug": "forum-pazdziernik", "days": -30, "hour": 12, "mode": MeetingPage.Mode.HYBRID, "capacity": 80,
        "text": {
            "pl": ("Spotkanie Forum z UNHCR i IOM: sytuacja osób uchodźczych jesienią",
                   _ul("Dane UNHCR o potrzebach", "Zmiany w ustawie o pomocy obywatelom Ukrainy", "Sprawy członków"),
                   _p("Omówiono zmiany w dostępie do świadczeń. Sekretariat roześle podsumowanie prawne.")),
            "uk": ("Зустріч Форуму з УВКБ ООН та МОМ: становище біженців восени",
                   _ul("Дані УВКБ ООН про потреби", "Зміни до закону про допомогу громадянам України",
                       "Питання членів"),
                   _p("Обговорили зміни в доступі до виплат. Секретаріат надішле юридичне резюме.")),
            "en": ("Forum meeting with UNHCR and IOM: the situation of refugees this autumn",
                   _ul("UNHCR needs data", "Changes to the law on assistance to Ukrainian citizens", "Members' items"),
                   _p("Changes in access to benefits were discussed. The Secretariat will send a legal summary.")),
        },
        "actions": [("Podsumowanie prawne zmian w ustawie", "Sekretariat Forum", 10, True)],
    },
    {
        "slug": "forum-grudzien", "days": 18, "hour": 12, "mode": MeetingPage.Mode.HYBRID, "capacity": 80,
        "text": {
            "pl": ("Grudniowe spotkanie Forum: plany na 2027 rok", _ul("Priorytety grup roboczych",
                   "Wspólne rzecznictwo", "Finansowanie organizacji lokalnych"), ""),
            "uk": ("Грудневa зустріч Форуму: плани на 2027 рік", _ul("Пріоритети робочих груп",
                   "Спільна адвокація", "Фінансування місцевих організацій"), ""),
            "en": ("December Forum meeting: plans for 2027", _ul("Working groups' priorities", "Joint advocacy",
                   "Funding for local organisations"), ""),
        },
        "actions": [],
    },
]

ADDRESS = "Centrum Wielokulturowe, ul. Jagiellońska 54, 03-468 Warszawa"
ONLINE = "https://meet.forum-razem.pl/spotkanie"


def _meeting(parent, spec, log):
    """Create a meeting (pl) with its translations; dates relative to today, at a Warsaw hour."""
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    day = timezone.localdate() + datetime.timedelta(days=spec["days"])
    start = datetime.datetime.combine(day, datetime.time(spec["hour"]), tzinfo=WARSAW)
    mode = spec["mode"]
    title, agenda, minutes = spec["text"]["pl"]
    # Action items go into the first revision, so that later edits in the admin keep them.
    actions = [ActionItem(what=what, who=who, done=done, due=day + datetime.timedelta(days=due_in))
               for what, who, due_in, done in spec["actions"]]
    meeting = get_or_create_child(
        parent, MeetingPage, spec["slug"], title=title, agenda=agenda, minutes=minutes, start=start,
        end=start + datetime.timedelta(hours=2), mode=mode, capacity=spec["capacity"],
        address=ADDRESS if mode != MeetingPage.Mode.ONLINE else "",
        online_url=ONLINE if mode != MeetingPage.Mode.IN_PERSON else "", action_items=actions,
    )
    for code in ("uk", "en"):
        title, agenda, minutes = spec["text"][code]
        ensure_translation(meeting, code, title=title, agenda=agenda, minutes=minutes)
    return meeting


def _leads(names):
    """Co-lead organisations from the directory's demo (skipped when the directory has none of them)."""
    from .models import GroupLead

    find = demo_offer("organisations_titled")
    organisations = find(names) if find else {}
    return [GroupLead(organisation=organisations[name], role=GroupLead.Role.CO_LEAD)
            for name in names if name in organisations]


def _coordinator(spec, group):
    if spec is None:
        return
    email, first_name, last_name, language = spec
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"username": email, "first_name": first_name, "last_name": last_name,
                               "language": language},
    )
    if created:
        user.set_unusable_password()
        user.save()
    if not group.memberships.filter(user=user).exists():
        appoint_coordinator(user, group)


def load(log):
    """Create the groups index, the Forum meetings index, groups, their pages and meetings."""
    home = site_home()
    index, meetings = skeleton.build(home)

    for spec in GROUPS:
        fields = spec["text"]["pl"]
        group = get_or_create_child(index, WorkingGroupPage, spec["slug"], join_policy=spec["join_policy"],
                                    status=spec.get("status", WorkingGroupPage.Status.ACTIVE),
                                    contact_email=spec["contact_email"], leads=_leads(spec.get("leads", [])),
                                    **fields)
        if not group.sectors.exists():
            group.sectors.set(Sector.objects.filter(code__in=spec["sectors"]))
            group.save_revision().publish()
        for code in ("uk", "en"):
            ensure_translation(group, code, **spec["text"][code])
        _coordinator(spec["coordinator"], group)
        for meeting in spec["meetings"]:
            _meeting(group, meeting, log)
        if group.status == WorkingGroupPage.Status.ACTIVE:
            title, intro = INTERNAL["pl"]
            internal = group.get_children().filter(slug="notatki-wewnetrzne").first()
            if internal is None:
                internal = get_or_create_child(group, GroupContentPage, "notatki-wewnetrzne", title=title,
                                               introduction=intro)
                restrict_to_members(internal, group)
            for code in ("uk", "en"):
                title, intro = INTERNAL[code]
                translation = ensure_translation(internal, code, title=title, introduction=intro)
                if not translation.get_view_restrictions().exists():
                    restrict_to_members(translation, group)
            _documents(group)
    log(f"{len(GROUPS)} working groups with meetings, action items, members-only notes and documents")

    for spec in FORUM_MEETINGS:
        _meeting(meetings, spec, log)
    log(f"Forum meetings index and {len(FORUM_MEETINGS)} Forum-wide meetings")


def working_group(slug):
    """The Polish page of the demo working group `slug`, or None."""
    return WorkingGroupPage.objects.filter(slug=slug, locale__language_code="pl").first()


def first_coordinator(group):
    """The person of the group's first coordinator membership, or None."""
    membership = (GroupMembership.objects.filter(group=group, role=GroupMembership.Role.COORDINATOR)
                  .select_related("user").first())
    return membership.user if membership else None


def discussion_authors(group, people):
    """Up to two of the group's members or, in a group without members, the first of `people` (the demo people
    of an app after the groups) appointed its coordinator: people who may write in the group's discussions."""
    members = [membership.user for membership in members_of(group)[:2]]
    if members:
        return members
    appoint_coordinator(people[0], group)
    return [people[0]]


# Finders for the demos of the apps after the working groups (home.demo_offers).
OFFERS = {"working_group": working_group, "first_coordinator": first_coordinator,
          "discussion_authors": discussion_authors}
