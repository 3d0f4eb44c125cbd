"""Demo content of the site frame: home page, "About us", news and footer in pl, uk, en."""

import datetime

from wagtail.models import Locale

from . import skeleton
from .models import FooterText, NewsPage, StandardPage
from .skeleton import site_home
from .translation import ensure_translation, get_or_create_child


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


ABOUT = {
    "pl": (
        "O nas",
        "Forum „Razem” zostało powołane, aby budować porozumienie, umożliwiać współpracę oraz tworzyć "
        "rozwiązania na rzecz osób z doświadczeniem uchodźczym i migracyjnym w Polsce oraz społeczeństwa polskiego.",
        [
            "Forum „Razem” jest inicjatywą współtworzoną przez Polską Akcję Humanitarną i Fundację Ashoka "
            "Innowatorzy dla Dobra Publicznego.",
            "Zapraszamy wszystkie organizacje pozarządowe i inicjatywy oddolne działające na rzecz uchodźców "
            "i uchodźczyń.",
            "Forum ściśle współpracuje ze strukturami UNHCR, zapewniając efekt synergii działań organizacji "
            "międzynarodowych i krajowych.",
        ],
    ),
    "uk": (
        "Про нас",
        "Форум «Разом» створено, щоб будувати порозуміння, уможливлювати співпрацю та створювати рішення "
        "для людей з досвідом біженства і міграції в Польщі та для польського суспільства.",
        [
            "Форум «Разом» — ініціатива, співзасновниками якої є Польська гуманітарна акція та Фонд Ashoka.",
            "Запрошуємо всі громадські організації та низові ініціативи, що діють на користь біженців.",
            "Форум тісно співпрацює зі структурами УВКБ ООН.",
        ],
    ),
    "en": (
        "About us",
        "Forum “Razem” was founded to build understanding, enable cooperation and create solutions for people "
        "with refugee and migration experience in Poland and for Polish society.",
        [
            "Forum “Razem” is co-created by Polish Humanitarian Action and the Ashoka Foundation.",
            "We invite all NGOs and grassroots initiatives working for refugees.",
            "The Forum works closely with UNHCR structures, bringing international and national organisations together.",
        ],
    ),
}

NEWS = [
    (
        "spotkanie-forum-listopad",
        datetime.date(2026, 11, 5),
        {
            "pl": ("Listopadowe spotkanie Forum: mieszkalnictwo po zakończeniu pomocy zbiorowej",
                   "Rozmawialiśmy o tym, jak organizacje wspierają rodziny opuszczające ośrodki zbiorowego zakwaterowania."),
            "uk": ("Листопадова зустріч Форуму: житло після завершення колективної допомоги",
                   "Ми говорили про те, як організації підтримують родини, що залишають місця колективного проживання."),
            "en": ("November Forum meeting: housing after collective accommodation ends",
                   "We discussed how organisations support families leaving collective accommodation centres."),
        },
    ),
    (
        "nowa-grupa-edukacja",
        datetime.date(2026, 10, 20),
        {
            "pl": ("Rusza grupa robocza ds. edukacji dzieci z Ukrainy",
                   "Grupa współprowadzona przez polskie organizacje zajmie się dostępem do szkół i wsparciem nauczycieli."),
            "uk": ("Починає роботу робоча група з питань освіти дітей з України",
                   "Група, яку співведуть польські організації, займеться доступом до шкіл і підтримкою вчителів."),
            "en": ("A working group on education of children from Ukraine starts",
                   "Co-led by Polish NGOs, the group will work on access to schools and support for teachers."),
        },
    ),
    (
        "raport-potrzeby-2026",
        datetime.date(2026, 9, 30),
        {
            "pl": ("Raport: potrzeby organizacji lokalnych w 2026 roku",
                   "Najczęściej zgłaszane potrzeby to stabilne finansowanie, wsparcie psychologiczne dla kadry i wiedza prawna."),
            "uk": ("Звіт: потреби місцевих організацій у 2026 році",
                   "Найчастіше згадувані потреби — стабільне фінансування, психологічна підтримка персоналу та юридичні знання."),
            "en": ("Report: needs of local organisations in 2026",
                   "The needs named most often are stable funding, psychological support for staff and legal knowledge."),
        },
    ),
]

FOOTER = {
    "pl": "<p>Forum „Razem” — inicjatywa Polskiej Akcji Humanitarnej i Fundacji Ashoka. "
    "Kontakt: <a href=\"mailto:kontakt@forum-razem.pl\">kontakt@forum-razem.pl</a></p>",
    "uk": "<p>Форум «Разом» — ініціатива Польської гуманітарної акції та Фонду Ashoka. "
    "Контакт: <a href=\"mailto:kontakt@forum-razem.pl\">kontakt@forum-razem.pl</a></p>",
    "en": "<p>Forum “Razem” — an initiative of Polish Humanitarian Action and the Ashoka Foundation. "
    "Contact: <a href=\"mailto:kontakt@forum-razem.pl\">kontakt@forum-razem.pl</a></p>",
}


def load(log):
    """Create the frame's demo content; existing pages are left as they are."""
    home = site_home()

    title, intro, paragraphs = ABOUT["pl"]
    about = get_or_create_child(home, StandardPage, "o-nas", title=title, introduction=intro,
                                body=_paragraphs(*paragraphs), show_in_menus=True)
    for code in ("uk", "en"):
        title, intro, paragraphs = ABOUT[code]
        ensure_translation(about, code, title=title, introduction=intro, body=_paragraphs(*paragraphs))
    log("about page")

    news_index = skeleton.news_index(home)
    for slug, date, texts in NEWS:
        title, intro = texts["pl"]
        item = get_or_create_child(news_index, NewsPage, slug, title=title, introduction=intro, date=date,
                                   body=_paragraphs(intro))
        for code in ("uk", "en"):
            title, intro = texts[code]
            ensure_translation(item, code, title=title, introduction=intro, body=_paragraphs(intro))
    log(f"news index and {len(NEWS)} news items")

    default_locale = home.locale
    footer = FooterText.objects.filter(locale=default_locale).first()
    if footer is None:
        footer = FooterText.objects.create(locale=default_locale, body=FOOTER[default_locale.language_code])
    for code, body in FOOTER.items():
        locale = Locale.objects.get(language_code=code)
        if footer.get_translation_or_none(locale) is None:
            translation = footer.copy_for_translation(locale)
            translation.body = body
            translation.save()
    log("footer texts")
