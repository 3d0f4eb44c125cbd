"""Demo subscriptions (pl, uk, en) with their consents, and a draft mailing."""

from django.utils import timezone, translation

from wagtail.models import Locale

from home.models import Sector, Voivodeship

from .models import Mailing, Subscription
from .subscribing import record_consent

SUBSCRIPTIONS = [
    ("koordynatorka@fundacja-przyklad.pl", "pl", "weekly", ["news", "library", "meetings"], ["housing", "legal-aid"],
     ["lubelskie", "mazowieckie"], "q=mieszkania"),
    ("olena.koval@ukr.net", "uk", "weekly", ["news", "library", "needs-offers"], ["education", "children-youth"],
     [], ""),
    ("programme.officer@example.org", "en", "monthly", ["news", "organisations", "needs-offers"], [], [],
     "q=mental+health"),
    ("wolontariat@stowarzyszenie-przyklad.pl", "pl", "daily", ["needs-offers", "meetings"], ["volunteering"],
     ["podkarpackie"], ""),
]

MAILING = {
    "title": "Zaproszenie na grudniowe spotkanie Forum",
    "subject": "Zaproszenie: grudniowe spotkanie Forum Razem",
    "body": "<p>Zapraszamy na spotkanie Forum 10 grudnia o 11:00 (online). W programie: zima a mieszkalnictwo "
               "osób z doświadczeniem uchodźczym.</p>",
}
TRANSLATIONS = {
    "uk": ("Запрошення: груднева зустріч Форуму Разом",
           "<p>Запрошуємо на зустріч Форуму 10 грудня об 11:00 (онлайн). У програмі: зима і житло людей "
           "з досвідом біженства.</p>"),
    "en": ("Invitation: Forum Razem December meeting",
           "<p>Join the Forum meeting on 10 December at 11:00 (online). On the agenda: winter and housing "
           "for people with refugee experience.</p>"),
}


def load(log):
    """Create the demo subscriptions and the draft mailing once; later runs change nothing."""
    created = 0
    for email, language, frequency, kinds, sectors, regions, search in SUBSCRIPTIONS:
        if Subscription.objects.filter(email=email).exists():
            continue
        subscription = Subscription(email=email, language=language, frequency=frequency, kinds=kinds,
                                    saved_search=search)
        subscription.activate(timezone.now())
        subscription.save()
        subscription.sectors.set(Sector.objects.filter(code__in=sectors))
        subscription.voivodeships.set(Voivodeship.objects.filter(code__in=regions))
        with translation.override(language):
            record_consent(subscription)
        created += 1
    log(f"{created} subscriptions (of {len(SUBSCRIPTIONS)})")
    mailing, new = Mailing.objects.get_or_create(title=MAILING["title"], locale=Locale.get_default(), defaults=MAILING)
    if new:
        for code, (subject, body) in TRANSLATIONS.items():
            mailing.translate(code, subject, body)
    log("draft mailing" + (" created" if new else " kept"))


def crawl_urls():
    """URLs of this demo for the crawl of #17 (tests/test_crawl.py): the draft mailing's send screen."""
    from django.urls import reverse

    mailing = Mailing.objects.filter(title=MAILING["title"], locale=Locale.get_default()).first()
    return [reverse("wagtailsnippets_digests_mailing:send", args=[mailing.pk])] if mailing else []
