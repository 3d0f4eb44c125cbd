"""The bench dataset, built through the real models in bulk, with progress bars (tqdm).

At scale 1: 10,000 organisations, 20,000 needs and offers, 50,000 library resources (1,000 of
them with a PDF file), 200 working groups with 5,000 meetings, 10,000 subscribers, 300 news
items; texts in Polish, Ukrainian and English (a third each); then the search index rebuilt
into Elasticsearch (or the database copy alone without it). `--scale 0.1` builds a tenth.

Organisations and resources reuse the directory's and the library's bench seeders (their
bench scripts build the same rows); pages are inserted in bulk with their tree paths computed
(`bulk_pages`), which is what makes 75,000 pages take minutes instead of hours.
"""

import contextlib
import datetime
import io
import random
import uuid

from tqdm import tqdm

SIZES = {
    "organisations": 10_000, "needs and offers": 20_000, "resources": 50_000, "resources with a file": 1_000,
    "working groups": 200, "meetings": 5_000, "subscribers": 10_000, "news pages": 300,
}
TEXTS = {
    "pl": "Pomagamy osobom uchodźczym z Ukrainy: pomoc prawna, mieszkania, nauka języka polskiego, praca.",
    "uk": "Допомагаємо біженцям з України: юридична допомога, житло, вивчення польської мови, робота.",
    "en": "We help refugees from Ukraine: legal aid, housing, Polish language courses and employment.",
}
CHUNK = 2_000


def sized(name, scale):
    return max(1, int(SIZES[name] * scale))


def build(scale=1.0, index=True):
    """Build the whole dataset (idempotent: parts already there are kept); return {what: how many}."""
    counts = {}
    counts.update(build_frame(scale))
    counts.update(build_directory(scale))
    counts.update(build_library(scale))
    counts.update(build_groups(scale))
    counts.update(build_subscribers(scale))
    counts.update(build_search_index() if index else {})
    with _cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


@contextlib.contextmanager
def _cursor():
    from django.db import connection

    with connection.cursor() as cursor:
        yield cursor


def _quiet(function, *args):
    """Call a seeder that prints its own progress lines, under our progress bar instead."""
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args)


def _translate_thirds(table, key, columns):
    """Rewrite `columns` of two thirds of `table`'s rows in Ukrainian and English (pl stays for the rest)."""
    with _cursor() as cursor:
        for remainder, language in ((1, "uk"), (2, "en")):
            sets = ", ".join(f"{column} = %s" for column in columns)
            cursor.execute(f"UPDATE {table} SET {sets} WHERE {key} %% 3 = %s",  # noqa: S608 — names from models
                           [TEXTS[language]] * len(columns) + [remainder])


# ---------------------------------------------------------------- frame

def build_frame(scale):
    """The frame's demo pages (home, about, news in pl/uk/en), then news items under the Polish index."""
    from home import demo
    from home.models import NewsIndexPage, NewsPage

    demo.load(lambda message: None)
    index = NewsIndexPage.objects.get(locale__language_code="pl")
    total = sized("news pages", scale)
    existing = NewsPage.objects.child_of(index).filter(slug__startswith="bench-news-").count()
    pages = [NewsPage(title=f"Aktualność {n}: spotkanie organizacji w regionie", slug=f"bench-news-{n}",
                      date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
                      introduction=TEXTS[("pl", "uk", "en")[n % 3]])
             for n in range(existing, total)]
    bulk_pages(index, pages, "news pages")
    return {"news pages": NewsPage.objects.count()}


# ---------------------------------------------------------------- directory

def build_directory(scale):
    """Organisations (live pages with vocabularies) and open needs and offers: the directory bench's seeder."""
    from bench.directory_pages import seed
    from directory.models import OrganisationPage, SupportItem

    organisations, items = sized("organisations", scale), sized("needs and offers", scale)
    for done in tqdm(range(CHUNK, organisations + CHUNK, CHUNK), desc="organisations", unit="×2000"):
        _quiet(seed, min(done, organisations), 0)
    for done in tqdm(range(5_000, items + 5_000, 5_000), desc="needs and offers", unit="×5000"):
        _quiet(seed, organisations, min(done, items))
    _translate_thirds(OrganisationPage._meta.db_table, "page_ptr_id", ["description"])
    _translate_thirds(SupportItem._meta.db_table, "id", ["description"])
    return {"organisations": OrganisationPage.objects.count(), "needs and offers": SupportItem.objects.count()}


# ---------------------------------------------------------------- library

def build_library(scale):
    """Resources (the library bench's seeder), a third of summaries in uk and en, some with a PDF attached."""
    from bench.library_pages import seed
    from library.demo_files import pdf_bytes
    from library.factories import document
    from library.models import ResourceAttachment, ResourcePage

    total = sized("resources", scale)
    library = None
    for done in tqdm(range(5_000, total + 5_000, 5_000), desc="resources", unit="×5000"):
        library = _quiet(seed, min(done, total))
    _translate_thirds(ResourcePage._meta.db_table, "page_ptr_id", ["summary"])
    with_file = sized("resources with a file", scale)
    missing = with_file - ResourceAttachment.objects.count()
    if missing > 0:
        # Each generated PDF is shared by ten resources: real files, without thousands of renders.
        resources = list(ResourcePage.objects.child_of(library).filter(attachments__isnull=True)
                         .order_by("pk").values_list("pk", flat=True)[:missing])
        attachments = []
        for start in tqdm(range(0, len(resources), 10), desc="resource files", unit="pdf"):
            number = start // 10
            language = ("pl", "uk", "en")[number % 3]
            doc = document(f"bench-{number}.pdf", pdf_bytes([TEXTS[language]] * 20, pages=2),
                           title=f"Plik {number}")
            attachments += [ResourceAttachment(page_id=pk, document=doc, sort_order=0)
                            for pk in resources[start:start + 10]]
        ResourceAttachment.objects.bulk_create(attachments)
    return {"resources": ResourcePage.objects.count(),
            "resources with a file": ResourceAttachment.objects.values("page").distinct().count()}


# ---------------------------------------------------------------- working groups and meetings

def build_groups(scale):
    """Working groups (created one by one: each gets its permission groups and collection) and meetings in bulk."""
    from django.utils import timezone
    from wagtail.models import Site

    from groups.models import GroupIndexPage, MeetingPage, WorkingGroupPage

    home = Site.objects.get(is_default_site=True).root_page
    index = GroupIndexPage.objects.filter(slug="grupy-bench").first()
    if index is None:
        index = home.add_child(instance=GroupIndexPage(title="Grupy robocze (bench)", slug="grupy-bench",
                                                       locale_id=home.locale_id))
    existing = WorkingGroupPage.objects.child_of(index).count()
    groups_total = sized("working groups", scale)
    for n in tqdm(range(existing, groups_total), desc="working groups", unit="group"):
        index.add_child(instance=WorkingGroupPage(
            title=f"Grupa robocza {n}", slug=f"grupa-bench-{n}", topic=TEXTS[("pl", "uk", "en")[n % 3]],
            join_policy=("open", "request", "invite")[n % 3], locale_id=index.locale_id))
        index.refresh_from_db(fields=["numchild"])
    groups = list(WorkingGroupPage.objects.child_of(index).order_by("pk"))
    per_group = max(1, sized("meetings", scale) // max(1, len(groups)))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for group in tqdm(groups, desc="meetings", unit="group"):
        existing = MeetingPage.objects.child_of(group).count()
        pages = []
        for n in range(existing, per_group):
            start = now + datetime.timedelta(days=(n - per_group // 2) * 7, hours=group.pk % 8)
            pages.append(MeetingPage(
                title=f"{group.title}: spotkanie {n}", slug=f"spotkanie-{n}", start=start,
                end=start + datetime.timedelta(hours=2), mode=("in_person", "online", "hybrid")[n % 3],
                address="ul. Marszałkowska 1, Warszawa", online_url="https://meet.example.org/forum",
                capacity=(None, 20, 60)[n % 3], introduction=TEXTS[("pl", "uk", "en")[n % 3]]))
        bulk_pages(group, pages)
    return {"working groups": len(groups), "meetings": MeetingPage.objects.count()}


# ---------------------------------------------------------------- subscribers

def build_subscribers(scale):
    """Confirmed subscriptions in the three languages, with sector and voivodeship preferences."""
    from django.utils import timezone

    from digests.models import Subscription
    from digests.models.subscriptions import KIND_CODES
    from home.models import Sector, Voivodeship

    total = sized("subscribers", scale)
    existing = Subscription.objects.filter(email__endswith="@bench.example.org").count()
    rng = random.Random(7)
    sectors = list(Sector.objects.values_list("pk", flat=True))
    voivodeships = list(Voivodeship.objects.values_list("pk", flat=True))
    now = timezone.now()
    for start in tqdm(range(existing, total, 5_000), desc="subscribers", unit="×5000"):
        created = Subscription.objects.bulk_create([
            Subscription(email=f"subscriber{n}@bench.example.org", status=Subscription.ACTIVE,
                         language=("pl", "uk", "en")[n % 3], frequency=("weekly", "daily", "monthly")[n % 3],
                         kinds=rng.sample(KIND_CODES, 2), confirmed_at=now - datetime.timedelta(days=n % 365))
            for n in range(start, min(total, start + 5_000))
        ])
        Subscription.sectors.through.objects.bulk_create([
            Subscription.sectors.through(subscription_id=s.pk, sector_id=pk) for s in created
            for pk in rng.sample(sectors, 2)])
        Subscription.voivodeships.through.objects.bulk_create([
            Subscription.voivodeships.through(subscription_id=s.pk, voivodeship_id=rng.choice(voivodeships))
            for s in created])
    return {"subscribers": Subscription.objects.count()}


# ---------------------------------------------------------------- search

def build_search_index():
    """Rebuild the search index from the real pages and items (Elasticsearch when configured)."""
    from django.conf import settings

    from search import indexing

    with tqdm(total=indexing.count_candidates(), desc="search index", unit="item") as bar:
        _name, count = indexing.rebuild(progress=bar.update)
    engine = "Elasticsearch" if settings.ELASTICSEARCH_URL else "database copy only"
    return {f"search entries ({engine})": count}


# ---------------------------------------------------------------- bulk pages

def _step(position):
    """The materialised-path step of the n-th child (treebeard's base-36, 4 characters)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while position:
        position, rest = divmod(position, 36)
        digits = alphabet[rest] + digits
    return digits.rjust(4, "0")


def bulk_pages(parent, pages, desc=None):
    """Insert unsaved, live page instances of one model under `parent`, CHUNK at a time.

    Page rows go through Page.objects.bulk_create with their tree paths computed; the
    model's own table gets the same rows' values as the model's fields prepare them for the
    database (Django cannot bulk-create multi-table children itself).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    if not pages:
        return
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    own_fields = [field for field in model._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in own_fields)
    placeholders = ", ".join(["%s"] * len(own_fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    position = int(last.path[-4:], 36) if last else 0
    now = timezone.now()
    for start in tqdm(range(0, len(pages), CHUNK), desc=desc or f"{model._meta.verbose_name_plural}",
                      unit=f"×{CHUNK}", disable=desc is None):
        chunk = pages[start:start + CHUNK]
        with transaction.atomic():
            for page in chunk:
                position += 1
                page.path, page.depth, page.numchild = parent.path + _step(position), parent.depth + 1, 0
                page.url_path = f"{parent.url_path}{page.slug}/"
                page.content_type, page.locale_id = content_type, parent.locale_id
                page.live, page.has_unpublished_changes, page.draft_title = True, False, page.title
                page.first_published_at = page.last_published_at = page.first_published_at or now
                page.translation_key = uuid.uuid4()
            bases = Page.objects.bulk_create([
                Page(**{field.attname: getattr(page, field.attname)
                        for field in Page._meta.concrete_fields if not field.primary_key})
                for page in chunk])
            for page, base in zip(chunk, bases):
                page.pk = page.page_ptr_id = base.pk
            rows = [[field.get_db_prep_save(field.pre_save(page, add=True), connection) for field in own_fields]
                    for page in chunk]
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
    Page.objects.filter(pk=parent.pk).update(numchild=Page.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1).count())
