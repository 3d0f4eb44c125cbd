"""Demo content of the catalogue: five innovations at every stage in pl, uk and en, one recommended for
scaling, with an interest, its answer and the need posted from it. Idempotent."""

from django.utils import timezone

from home.demo_offers import demo_offer
from home.demo_size import is_small
from home.models import Sector, TargetGroup, Voivodeship
from home.skeleton import site_home
from home.translation import ensure_translation

from . import skeleton
from .demo_data import INNOVATIONS, INTEREST, RECOMMENDED
from .interests import need_form, need_initial, post_need
from .models import InnovationPage, ReplicationInterest, ScalingRecommendation

FIELDS = ("title", "summary", "problem", "solution", "context", "results", "requirements")
# The small demo set (the crawl's) keeps three innovations, the interest's among them; an author left out
# of the small set of organisations (directory.demo.SMALL_SET) is stood in for by this one.
SMALL_SET = ("klub-pracy-mentoring", "mapa-wolnych-mieszkan", "seniorzy-ucza-polskiego")
STAND_IN_AUTHOR = 4


def organisation(n):
    """The demo organisation number `n` of directory.demo_data.ORGANISATIONS, or None (the directory's demo
    offers it: home.demo_offers)."""
    find = demo_offer("organisation")
    return find(n) if find else None


def create_innovation(catalogue, row):
    """Create and publish one innovation with its translations (skipped when present)."""
    slug, author, stage, cost, evaluation, reached, sectors, groups, regions, texts = row
    page = InnovationPage.objects.filter(slug=slug, locale_id=catalogue.locale_id).first()
    if page is None:
        page = InnovationPage(
            slug=slug, organisation=organisation(author) or organisation(STAND_IN_AUTHOR), stage=stage,
            cost_band=cost, evaluation=evaluation, people_reached=reached, nationwide=regions == "all",
            contact_name="Anna Nowak", contact_email=f"innowacje@org{author + 1}.example.org",
            **dict(zip(FIELDS, texts["pl"])),
        )
        page.sectors = list(Sector.objects.filter(code__in=sectors))
        page.target_groups = list(TargetGroup.objects.filter(code__in=groups))
        page.regions = [] if regions == "all" else list(Voivodeship.objects.filter(code__in=regions))
        catalogue.add_child(instance=page)
        page.save_revision().publish()
    for code in ("uk", "en"):
        ensure_translation(page, code, **dict(zip(FIELDS, texts[code])))
    return page


def create_interest(log):
    """The demo interest, its answer and the need it led to (skipped when present)."""
    slug, interested, reason, timeframe, answer = INTEREST
    innovation = InnovationPage.objects.filter(slug=slug).order_by("pk").first()
    organisation_page = organisation(interested)
    if innovation is None or organisation_page is None:
        return
    person = demo_offer("demo_user")()  # manages the interested organisation (the directory's demo offers both)
    interest, created = ReplicationInterest.objects.get_or_create(
        innovation=innovation, organisation=organisation_page,
        defaults={"user": person, "reason": reason, "timeframe": timeframe, "answer": answer,
                  "answered_at": timezone.now()})
    if interest.need_id is None:
        # The pre-filled need as the organisation would post it from the form (innovations.views.need).
        form = need_form(need_form_data(need_initial(interest, "pl")))
        if form.is_valid():
            post_need(person, interest, form)
        else:
            log(f"the demo need was not valid: {form.errors.as_text()}")
    if created:
        log(f"an interest of {organisation_page.title} in “{innovation.title}”, answered, with its posted need")


def need_form_data(initial):
    """The pre-filled need's initial values as the form would submit them."""
    return {name: ("on" if value is True else value) for name, value in initial.items() if value is not False}


def load(log):
    catalogue = skeleton.build(site_home())
    rows = [row for row in INNOVATIONS if not is_small() or row[0] in SMALL_SET]
    pages = [create_innovation(catalogue, row) for row in rows]
    log(f"{len(pages)} innovations in pl, uk, en (stages: {', '.join(sorted({p.stage for p in pages}))})")
    slug, note = RECOMMENDED
    recommended = InnovationPage.objects.filter(slug=slug).order_by("pk").first()
    if recommended is not None:
        ScalingRecommendation.objects.get_or_create(innovation=recommended, defaults={"note": note})
    create_interest(log)


def crawl_urls():
    """URLs of the demo data for the crawl of #17 (tests/test_crawl.py): what no page links to for
    every role (the interest's page, its pre-filled need once posted, the Secretariat's export)."""
    from django.urls import reverse

    urls = [reverse("innovations:export", kwargs={"fmt": fmt}) for fmt in ("csv", "json")]
    interest = ReplicationInterest.objects.order_by("pk").first()
    if interest is not None:
        urls += [reverse("innovations:interest", kwargs={"pk": interest.pk}),
                 reverse("innovations:need", kwargs={"pk": interest.pk})]
    return urls
