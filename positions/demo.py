"""Demo content of the joint positions, in pl, uk and en (idempotent).

- the education working group's position on schooling, in consultation with members: comments of
  member organisations on its paragraphs, one answered by the group's coordinator;
- the Secretariat's appeal on temporary protection, open for signature, signed by several
  organisations from different voivodeships.
Deadlines are set relative to the first load; a second run creates nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from home.demo_offers import demo_offer
from home.skeleton import site_home

from . import skeleton
from .models import Comment, PositionPage, PositionVersion, Signature
from .versions import paragraphs

CONSULTATION = {
    "slug": "stanowisko-edukacja-dzieci-z-ukrainy",
    "kind": PositionPage.Kind.CONSULTATION_RESPONSE,
    "reference": "UD112",
    "pl": {
        "title": "Opinia do projektu nowelizacji ustawy o pomocy obywatelom Ukrainy: edukacja",
        "introduction": "Projekt opinii grupy roboczej ds. edukacji, przed przekazaniem do Ministerstwa Edukacji.",
        "addressee": "Ministerstwo Edukacji",
        "paragraphs": [
            "Forum „Razem” z zadowoleniem przyjmuje obowiązek szkolny dla dzieci z Ukrainy, ale zwraca uwagę, "
            "że bez dodatkowego wsparcia szkoły nie będą w stanie go zrealizować.",
            "Postulujemy stałe finansowanie etatów asystentów międzykulturowych w szkołach, w których uczy się "
            "co najmniej dziesięcioro dzieci z doświadczeniem migracji.",
            "Proponujemy wydłużenie okresu dodatkowych zajęć z języka polskiego z 12 do 24 miesięcy.",
            "Apelujemy o konsultowanie rozporządzeń wykonawczych z organizacjami pracującymi z rodzinami uchodźczymi.",
        ],
    },
    "uk": {
        "title": "Відгук на проєкт змін до закону про допомогу громадянам України: освіта",
        "introduction": "Проєкт відгуку робочої групи з питань освіти перед надсиланням до Міністерства освіти.",
        "addressee": "Міністерство освіти",
        "paragraphs": [
            "Форум «Разом» схвалює обов'язкове навчання для дітей з України, але звертає увагу, що без додаткової "
            "підтримки школи не зможуть його забезпечити.",
            "Ми пропонуємо постійне фінансування посад міжкультурних асистентів у школах, де навчається щонайменше "
            "десятеро дітей з досвідом міграції.",
            "Пропонуємо продовжити додаткові заняття з польської мови з 12 до 24 місяців.",
            "Закликаємо консультувати виконавчі розпорядження з організаціями, що працюють з родинами біженців.",
        ],
    },
    "en": {
        "title": "Response to the draft amendment of the act on assistance to citizens of Ukraine: education",
        "introduction": "Draft response of the education working group, before it goes to the Ministry of Education.",
        "addressee": "Ministry of Education",
        "paragraphs": [
            "Forum “Razem” welcomes compulsory schooling for children from Ukraine, but points out that without "
            "additional support schools will not be able to provide it.",
            "We call for permanent funding of intercultural assistants in schools attended by at least ten children "
            "with a migration background.",
            "We propose extending additional Polish language classes from 12 to 24 months.",
            "We urge that the implementing regulations be consulted with organisations working with refugee families.",
        ],
    },
}

APPEAL = {
    "slug": "apel-ochrona-czasowa",
    "kind": PositionPage.Kind.APPEAL,
    "reference": "",
    "pl": {
        "title": "Apel o przedłużenie ochrony czasowej i jasne zasady jej zakończenia",
        "introduction": "Wspólny apel organizacji Forum do rządu i Sejmu.",
        "addressee": "Prezes Rady Ministrów, Sejm RP",
        "paragraphs": [
            "Organizacje społeczne zrzeszone w Forum „Razem” apelują o przedłużenie ochrony czasowej osób "
            "uciekających przed wojną w Ukrainie.",
            "Wzywamy do ogłoszenia zasad zakończenia ochrony czasowej z co najmniej rocznym wyprzedzeniem, "
            "z jasną ścieżką do pobytu stałego dla osób, które związały swoje życie z Polską.",
            "Deklarujemy gotowość współpracy przy informowaniu osób z doświadczeniem uchodźczym o zmianach.",
        ],
    },
    "uk": {
        "title": "Звернення щодо продовження тимчасового захисту та чітких правил його завершення",
        "introduction": "Спільне звернення організацій Форуму до уряду та Сейму.",
        "addressee": "Голова Ради Міністрів, Сейм РП",
        "paragraphs": [
            "Громадські організації Форуму «Разом» закликають продовжити тимчасовий захист людей, які тікають від "
            "війни в Україні.",
            "Закликаємо оголосити правила завершення тимчасового захисту щонайменше за рік, з чітким шляхом до "
            "постійного проживання для тих, хто пов'язав своє життя з Польщею.",
            "Заявляємо про готовність співпрацювати в інформуванні людей з досвідом біженства про зміни.",
        ],
    },
    "en": {
        "title": "Appeal to extend temporary protection and set clear rules for its end",
        "introduction": "A joint appeal of the Forum's organisations to the government and the Sejm.",
        "addressee": "Prime Minister, the Sejm",
        "paragraphs": [
            "The civil-society organisations of Forum “Razem” call for the extension of temporary protection of "
            "people fleeing the war in Ukraine.",
            "We call for the rules ending temporary protection to be announced at least a year in advance, with a "
            "clear path to permanent residence for those who have built their lives in Poland.",
            "We are ready to help inform people with refugee experience about the changes.",
        ],
    },
}

# (organisation number in the directory's demo set, paragraph index, text, decision, reason)
COMMENTS = [
    (0, 1, "Dziesięcioro dzieci to za wysoki próg dla małych szkół wiejskich; proponujemy pięcioro.",
     Comment.Decision.PARTLY, "Obniżamy próg do ośmiorga dzieci; niżej koszt byłby trudny do uzasadnienia."),
    (3, 2, "Warto dodać zajęcia wyrównawcze z matematyki, nie tylko z języka polskiego.", Comment.Decision.PENDING, ""),
    (9, 3, "Prosimy o wskazanie terminu konsultacji (co najmniej 21 dni).", Comment.Decision.ACCEPTED, ""),
]
# Organisation numbers of the demo set that signed the appeal (the demo person manages 0 and 3).
SIGNATORIES = [0, 3, 5, 8, 12, 17]


def _position(parent, spec, **fields):
    """The position below `parent` with its pl/uk/en texts (translations keep the paragraph ids)."""
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    pl = spec["pl"]
    page = PositionPage(slug=spec["slug"], kind=spec["kind"], reference=spec["reference"], title=pl["title"],
                        introduction=pl["introduction"], addressee=pl["addressee"],
                        text=[("paragraph", text) for text in pl["paragraphs"]], locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    for code in ("uk", "en"):
        texts = spec[code]
        target = parent.get_translation_or_none(Locale.objects.get(language_code=code))
        if target is None:
            continue  # the parent has no translation in this language: the position stays untranslated there
        translation = page.copy_for_translation(Locale.objects.get(language_code=code)).specific
        translation.title, translation.introduction = texts["title"], texts["introduction"]
        translation.addressee = texts["addressee"]
        translation.text = paragraphs([(block.id, text) for block, text in zip(page.text, texts["paragraphs"])])
        translation.save_revision().publish()
    return page, True


def load(log):
    """The index (skeleton), a position in consultation with comments and one open for signature."""
    home = site_home()
    index = skeleton.build(home)
    now = timezone.now()
    find_group, find_coordinator = demo_offer("working_group"), demo_offer("first_coordinator")
    # The directory's demo person and organisations (none without the directory: no comments, no signatures).
    find_user, find_organisation = demo_offer("demo_user"), demo_offer("organisation")
    user = find_user() if find_user else None
    group = find_group("edukacja") if find_group else None
    parent = group or index
    consultation, created = _position(parent, CONSULTATION, phase=PositionPage.Phase.CONSULTATION,
                                       consultation_closes_at=now + datetime.timedelta(days=9),
                                       signing_closes_at=now + datetime.timedelta(days=30))
    if created:
        version = PositionVersion.objects.filter(position=consultation).order_by("-number").first()
        paragraph_ids = [pid for pid, _text in version.paragraphs]
        coordinator = find_coordinator(group) if group and find_coordinator else None
        for number, paragraph, text, decision, reason in COMMENTS:
            organisation = find_organisation(number) if find_organisation else None
            if organisation is None:
                continue
            with transaction.atomic():
                Comment.objects.create(
                    position=consultation, version=version, paragraph=paragraph_ids[paragraph], author=user,
                    organisation=organisation, text=text, decision=decision, reason=reason,
                    answered_by=coordinator if coordinator and decision != Comment.Decision.PENDING else None,
                    answered_at=now if decision != Comment.Decision.PENDING else None)
        # The partly accepted comment made a second version: readers see what changed.
        texts = consultation.paragraphs()
        consultation.text = paragraphs([
            (pid, text.replace("co najmniej dziesięcioro dzieci", "co najmniej ośmioro dzieci")) for pid, text in texts])
        consultation.save_revision(user=coordinator).publish()
    log(f"position in consultation with {Comment.objects.filter(position=consultation).count()} comments "
        f"({'in the education group' if group else 'under the positions index'})")

    appeal, created = _position(index, APPEAL, phase=PositionPage.Phase.SIGNING,
                                consultation_closes_at=now - datetime.timedelta(days=5),
                                signing_closes_at=now + datetime.timedelta(days=12))
    if created:
        for number in SIGNATORIES:
            organisation = find_organisation(number) if find_organisation else None
            if organisation is not None:
                Signature.objects.get_or_create(position=appeal, organisation=organisation, defaults={
                    "signed_by": user if number in (0, 3) else None,
                    "signed_at": now - datetime.timedelta(hours=number + 1)})
    log(f"appeal open for signature with {Signature.objects.filter(position=appeal).count()} signatures")


def crawl_urls():
    """URLs of the demo data for the crawl of #17 (tests/test_crawl.py), paths with the language."""
    from django.urls import reverse

    urls = [reverse("positions:reminders")]
    for position in PositionPage.objects.filter(locale__language_code="pl").live():
        urls += [reverse("positions:changes", kwargs={"pk": position.pk}),
                 reverse("positions:signatories_csv", kwargs={"pk": position.pk}),
                 reverse("positions:annex", kwargs={"pk": position.pk})]
    return urls
