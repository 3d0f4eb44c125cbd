"""Demo content of the library: a resource of every type in pl, uk and en, each with a real file
(PDF made with fpdf2, or DOCX/PPTX/ODT/XLSX) whose text is extracted, a curated collection."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from home.demo_size import is_small
from home.skeleton import site_home
from home.models import Language, Sector, TargetGroup, Voivodeship
from home.translation import ensure_translation

from . import demo_files, skeleton
from .models import CollectionItem, ResourceAttachment, ResourceCollection, ResourcePage, Topic
from .tasks import extract_document_text

# The demo topics' names in Ukrainian and English (Topic.name_uk / name_en).
TOPIC_NAMES = {
    "mieszkanie": ("Житло", "Housing"), "najem": ("Оренда", "Renting"),
    "finansowanie": ("Фінансування", "Funding"), "potrzeby organizacji": ("Потреби організацій", "Needs of organisations"),
    "praca": ("Робота", "Work"), "aktywizacja zawodowa": ("Професійна активізація", "Return to work"),
    "wsparcie psychologiczne": ("Психологічна підтримка", "Psychological support"),
    "wolontariat": ("Волонтерство", "Volunteering"), "edukacja": ("Освіта", "Education"), "szkoła": ("Школа", "School"),
    "wzory dokumentów": ("Зразки документів", "Document templates"),
    "ochrona czasowa": ("Тимчасовий захист", "Temporary protection"), "rzecznictwo": ("Адвокація", "Advocacy"),
    "mapa pomocy": ("Карта допомоги", "Map of help"), "dane": ("Дані", "Data"),
}

# slug, type, date, topics, sectors, target groups, languages, regions, file format,
# {language: (title, summary, text of the file)}
RESOURCES = [
    ("najem-mieszkania-poradnik", "guide", (2026, 3, 2), ["mieszkanie", "najem"], ["housing", "legal-aid"],
     ["refugees-ukraine"], ["pl", "uk"], [], "pdf", {
         "pl": ("Najem mieszkania krok po kroku",
                "Jak znaleźć mieszkanie, co musi zawierać umowa najmu i jak odzyskać kaucję.",
                ["Umowa najmu okazjonalnego wymaga oświadczenia o poddaniu się egzekucji.",
                 "Kaucja zwrotna nie może przekraczać dwunastokrotności czynszu.",
                 "Przed podpisaniem umowy sprawdź księgę wieczystą mieszkania."]),
         "uk": ("Оренда житла крок за кроком",
                "Як знайти житло, що має містити договір оренди та як повернути заставу.",
                ["Договір тимчасової оренди вимагає заяви про добровільне виселення.",
                 "Зворотна застава не може перевищувати дванадцятикратну орендну плату.",
                 "Перед підписанням договору перевірте іпотечну книгу квартири."]),
         "en": ("Renting a flat step by step",
                "How to find a flat, what a rental contract must contain and how to get the deposit back.",
                ["An occasional lease requires a notarised declaration of submission to eviction.",
                 "The refundable deposit may not exceed twelve months of rent.",
                 "Check the land and mortgage register of the flat before signing."]),
     }),
    ("raport-potrzeby-organizacji-2026", "report", (2026, 9, 30), ["finansowanie", "potrzeby organizacji"],
     ["advocacy", "mental-health"], ["ngos"], ["pl", "en"], ["mazowieckie", "lubelskie"], "pdf", {
         "pl": ("Potrzeby organizacji lokalnych w 2026 roku",
                "Wyniki badania 212 organizacji: finansowanie, wsparcie psychologiczne kadry, wiedza prawna.",
                ["68% organizacji wskazało stabilne finansowanie jako najpilniejszą potrzebę.",
                 "Co druga organizacja odczuwa wypalenie zawodowe zespołu.",
                 "Rekomendujemy fundusz superwizji dla koordynatorów wolontariatu."]),
         "uk": ("Потреби місцевих організацій у 2026 році",
                "Результати опитування 212 організацій: фінансування, психологічна підтримка персоналу, правові знання.",
                ["68% організацій назвали стабільне фінансування найнагальнішою потребою.",
                 "Кожна друга організація відчуває професійне вигорання команди.",
                 "Рекомендуємо фонд супервізії для координаторів волонтерів."]),
         "en": ("Needs of local organisations in 2026",
                "Survey of 212 organisations: funding, psychological support for staff, legal knowledge.",
                ["68% of organisations named stable funding as their most urgent need.",
                 "One organisation in two reports burnout in its team.",
                 "We recommend a supervision fund for volunteer coordinators."]),
     }),
    ("klub-pracy-dobra-praktyka", "good-practice", (2025, 11, 12), ["praca", "aktywizacja zawodowa"],
     ["employment", "integration"], ["refugees-ukraine", "women"], ["pl", "uk"], ["malopolskie"], "docx", {
         "pl": ("Klub pracy dla kobiet z Ukrainy w Krakowie",
                "Cotygodniowe spotkania, mentoring i nostryfikacja dyplomów: co zadziałało w ciągu roku.",
                ["Klub pracy spotyka się w każdy czwartek w bibliotece dzielnicowej.",
                 "Mentorki pomagają przygotować CV i rozmowę kwalifikacyjną.",
                 "Czterdzieści uczestniczek znalazło zatrudnienie zgodne z kwalifikacjami."]),
         "uk": ("Клуб працевлаштування для жінок з України у Кракові",
                "Щотижневі зустрічі, менторство та нострифікація дипломів: що спрацювало за рік.",
                ["Клуб працевлаштування збирається щочетверга в районній бібліотеці.",
                 "Менторки допомагають підготувати резюме та співбесіду.",
                 "Сорок учасниць знайшли роботу відповідно до кваліфікації."]),
         "en": ("A job club for women from Ukraine in Kraków",
                "Weekly meetings, mentoring and diploma recognition: what worked over a year.",
                ["The job club meets every Thursday in the district library.",
                 "Mentors help prepare a CV and a job interview.",
                 "Forty participants found work matching their qualifications."]),
     }),
    ("szkolenie-pierwsza-pomoc-psychologiczna", "training", (2025, 5, 20), ["wsparcie psychologiczne", "wolontariat"],
     ["mental-health", "volunteering"], ["ngos", "refugees-ukraine"], ["pl", "uk", "en"], [], "pptx", {
         "pl": ("Pierwsza pomoc psychologiczna dla wolontariuszy",
                "Prezentacja szkoleniowa: rozpoznawanie stresu, rozmowa wspierająca, dbanie o siebie.",
                ["Pierwsza pomoc psychologiczna: patrz, słuchaj, łącz.",
                 "Rozmowa wspierająca nie jest terapią.",
                 "Superwizja chroni wolontariuszy przed wypaleniem."]),
         "uk": ("Перша психологічна допомога для волонтерів",
                "Навчальна презентація: розпізнавання стресу, підтримувальна розмова, турбота про себе.",
                ["Перша психологічна допомога: дивись, слухай, з'єднуй.",
                 "Підтримувальна розмова не є терапією.",
                 "Супервізія захищає волонтерів від вигорання."]),
         "en": ("Psychological first aid for volunteers",
                "Training slides: recognising stress, supportive conversation, self-care.",
                ["Psychological first aid: look, listen, link.",
                 "A supportive conversation is not therapy.",
                 "Supervision protects volunteers from burnout."]),
     }),
    ("ulotka-dostep-do-szkoly", "communication", (2026, 8, 25), ["edukacja", "szkoła"],
     ["education", "children-youth"], ["children", "refugees-ukraine"], ["pl", "uk"], [], "pdf", {
         "pl": ("Ulotka: jak zapisać dziecko do polskiej szkoły",
                "Jednostronicowa ulotka dla rodziców: dokumenty, terminy, oddziały przygotowawcze.",
                ["Do zapisu potrzebny jest numer PESEL dziecka lub paszport.",
                 "Oddział przygotowawczy pomaga w nauce języka polskiego.",
                 "Szkoła ma obowiązek przyjąć dziecko z obwodu."]),
         "uk": ("Листівка: як записати дитину до польської школи",
                "Односторінкова листівка для батьків: документи, терміни, підготовчі класи.",
                ["Для запису потрібен номер PESEL дитини або паспорт.",
                 "Підготовчий клас допомагає вивчати польську мову.",
                 "Школа зобов'язана прийняти дитину зі свого округу."]),
         "en": ("Leaflet: enrolling a child in a Polish school",
                "A one-page leaflet for parents: documents, deadlines, preparatory classes.",
                ["Enrolment needs the child's PESEL number or passport.",
                 "A preparatory class helps with learning Polish.",
                 "A school must accept a child from its catchment area."]),
     }),
    ("wzor-porozumienia-wolontariackiego", "template", (2024, 4, 10), ["wolontariat", "wzory dokumentów"],
     ["volunteering", "legal-aid"], ["ngos"], ["pl"], [], "odt", {
         "pl": ("Wzór porozumienia wolontariackiego",
                "Edytowalny wzór porozumienia z wolontariuszem, zgodny z ustawą o działalności pożytku publicznego.",
                ["Porozumienie wolontariackie zawarte w dniu ... pomiędzy ...",
                 "Wolontariusz wykonuje świadczenia nieodpłatnie.",
                 "Organizacja zapewnia ubezpieczenie od następstw nieszczęśliwych wypadków."]),
         "uk": ("Зразок волонтерської угоди",
                "Редагований зразок угоди з волонтером відповідно до польського закону про громадську корисну діяльність.",
                ["Волонтерська угода, укладена ... між ...",
                 "Волонтер виконує роботу безоплатно.",
                 "Організація забезпечує страхування від нещасних випадків."]),
         "en": ("Volunteer agreement template",
                "An editable volunteer agreement template under the Polish Act on public benefit activity.",
                ["Volunteer agreement concluded on ... between ...",
                 "The volunteer performs services free of charge.",
                 "The organisation provides accident insurance."]),
     }),
    ("stanowisko-ochrona-czasowa", "policy", (2026, 6, 5), ["ochrona czasowa", "rzecznictwo"],
     ["advocacy", "protection"], ["refugees-ukraine"], ["pl", "en"], [], "pdf", {
         "pl": ("Stanowisko Forum w sprawie przedłużenia ochrony czasowej",
                "Rekomendacje Forum dla rządu i samorządów dotyczące ochrony czasowej po 2026 roku.",
                ["Forum apeluje o przewidywalne zasady przedłużania ochrony czasowej.",
                 "Potrzebna jest ścieżka do stałego pobytu dla osób pracujących.",
                 "Samorządy powinny otrzymać środki na integrację."]),
         "uk": ("Позиція Форуму щодо продовження тимчасового захисту",
                "Рекомендації Форуму для уряду та органів самоврядування щодо тимчасового захисту після 2026 року.",
                ["Форум закликає до передбачуваних правил продовження тимчасового захисту.",
                 "Потрібен шлях до постійного проживання для працюючих людей.",
                 "Органи самоврядування мають отримати кошти на інтеграцію."]),
         "en": ("Forum position on extending temporary protection",
                "The Forum's recommendations to government and local authorities on temporary protection after 2026.",
                ["The Forum calls for predictable rules on extending temporary protection.",
                 "People in work need a path to permanent residence.",
                 "Local authorities should receive integration funding."]),
     }),
    ("dane-punkty-pomocy", "dataset", (2026, 10, 1), ["mapa pomocy", "dane"],
     ["information", "humanitarian-aid"], ["refugees-ukraine", "host-communities"], ["pl", "en"],
     ["podkarpackie", "lubelskie", "mazowieckie"], "xlsx", {
         "pl": ("Zestawienie punktów pomocy w województwach wschodnich",
                "Arkusz z adresami, godzinami otwarcia i zakresem wsparcia punktów pomocy.",
                [("Miasto", "Punkt", "Wsparcie"), ("Przemyśl", "Punkt recepcyjny", "informacja"),
                 ("Lublin", "Centrum wsparcia", "pomoc prawna")]),
         "uk": ("Перелік пунктів допомоги у східних воєводствах",
                "Таблиця з адресами, годинами роботи та видами підтримки пунктів допомоги.",
                [("Місто", "Пункт", "Підтримка"), ("Перемишль", "Приймальний пункт", "інформація"),
                 ("Люблін", "Центр підтримки", "юридична допомога")]),
         "en": ("Help points in the eastern voivodeships",
                "A spreadsheet of addresses, opening hours and kinds of support of help points.",
                [("City", "Help point", "Support"), ("Przemyśl", "Reception point", "information"),
                 ("Lublin", "Support centre", "legal aid")]),
     }),
]

COLLECTION = {
    "slug": "na-dobry-poczatek",
    "pl": ("Na dobry początek", "<p>Materiały, od których warto zacząć pracę z osobami z doświadczeniem uchodźczym.</p>"),
    "uk": ("Для початку", "<p>Матеріали, з яких варто почати роботу з людьми з досвідом біженства.</p>"),
    "en": ("Getting started", "<p>Materials to start with when working with people with refugee experience.</p>"),
    "items": ["najem-mieszkania-poradnik", "szkolenie-pierwsza-pomoc-psychologiczna", "ulotka-dostep-do-szkoly"],
}


def _file_content(kind, texts, title):
    if kind == "pdf":
        return demo_files.pdf_bytes([title, *texts], title=title)
    if kind == "xlsx":
        return demo_files.xlsx_bytes(texts)
    return getattr(demo_files, f"{kind}_bytes")([title, *texts])


def _document(collection, slug, code, kind, title, texts):
    """The demo file of one resource in one language (created once, text extracted now)."""
    model = get_document_model()
    name = f"{slug}-{code}.{kind}"
    document = model.objects.filter(title=name, collection=collection).first()
    if document is None:
        document = model(title=name, collection=collection)
        document.file.save(name, ContentFile(_file_content(kind, texts, title)), save=False)
        document._set_document_file_metadata()
        document.save()
    # Extract at once so the demo shows search inside files even before a worker runs;
    # the queued task then finds the same file hash and does nothing. The small set (a crawl
    # that reads pages, not files) leaves it to that task: a child process per file is slow.
    if not is_small():
        extract_document_text(document.pk)
    return document


def _demo_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name="Library demo").first() or root.add_child(name="Library demo")


def load(log):
    """Create the library, its resources in three languages with files, and a collection (idempotent)."""
    home = site_home()
    library = skeleton.build(home)

    files = _demo_collection()
    pages = {}
    for slug, kind_of, date, topics, sectors, targets, languages, regions, file_kind, texts in RESOURCES:
        title, summary, content = texts["pl"]
        page = library.get_children().filter(slug=slug).specific().first()
        if page is None:
            page = ResourcePage(slug=slug, title=title, summary=summary, resource_type=kind_of,
                                publication_date=datetime.date(*date), publisher_name="Forum Razem",
                                authors="Zespół Forum Razem", locale_id=library.locale_id,
                                body=[{"type": "paragraph", "value": f"<p>{summary}</p>"}])
            page.attachments = [ResourceAttachment(document=_document(files, slug, "pl", file_kind, title, content))]
            page.sectors = list(Sector.objects.filter(code__in=sectors))
            page.target_groups = list(TargetGroup.objects.filter(code__in=targets))
            page.languages = list(Language.objects.filter(code__in=languages))
            page.regions = list(Voivodeship.objects.filter(code__in=regions))
            library.add_child(instance=page)
            for topic in topics:
                page.topics.add(topic)
            page.save_revision().publish()
        pages[slug] = page
        for code in ("uk", "en"):
            title, summary, content = texts[code]
            document = _document(files, slug, code, file_kind, title, content)
            ensure_translation(page, code, title=title, summary=summary,
                               body=[{"type": "paragraph", "value": f"<p>{summary}</p>"}],
                               attachments=[ResourceAttachment(document=document)])
    for topic in Topic.objects.filter(name__in=TOPIC_NAMES):
        topic.name_uk, topic.name_en = TOPIC_NAMES[topic.name]
        topic.save(update_fields=["name_uk", "name_en"])
    log(f"{len(RESOURCES)} resources (every type) in pl, uk, en with their files; topics named in uk, en")

    collection = ResourceCollection.objects.filter(slug=COLLECTION["slug"], locale_id=library.locale_id).first()
    if collection is None:
        title, intro = COLLECTION["pl"]
        collection = ResourceCollection(slug=COLLECTION["slug"], title=title, introduction=intro, is_featured=True,
                                        locale_id=library.locale_id)
        collection.items = [CollectionItem(resource=pages[slug], sort_order=n)
                            for n, slug in enumerate(COLLECTION["items"])]
        collection.save()
    for code in ("uk", "en"):
        locale = Locale.objects.get(language_code=code)
        if collection.get_translation_or_none(locale) is None:
            translation = collection.copy_for_translation(locale)
            translation.title, translation.introduction = COLLECTION[code]
            translation.save()
    log("collection \u201cNa dobry pocz\u0105tek\u201d in pl, uk, en")
