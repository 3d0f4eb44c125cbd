"""The bench dataset, built through the real models in bulk, with a progress bar (tqdm).

Target at scale 1: 10,000 organisations, 50,000 resources, 200 groups, 5,000 meetings,
20,000 needs/offers, 10,000 subscribers, in pl/uk/en. Built so far: the frame (home, about,
news in pl/uk/en, via home.demo) and NEWS_ITEMS news pages; the other apps' parts are to
be added here as `build_<app>(scale)` functions (see the report's "dataset" line).
"""

import datetime

from tqdm import tqdm

NEWS_ITEMS = 300


def build(scale=1.0):
    """Build everything that exists so far; return {what: how many}."""
    counts = {}
    counts.update(build_frame(scale))
    return counts


def build_frame(scale):
    """The frame's demo pages, then news items under the Polish news index."""
    from home import demo
    from home.models import NewsIndexPage, NewsPage

    demo.load(lambda message: None)
    index = NewsIndexPage.objects.get(locale__language_code="pl")
    total = max(1, int(NEWS_ITEMS * scale))
    # Pages go through treebeard's add_child (a path per page): no faster safe bulk API exists for
    # MP_Node trees with Wagtail's revisions, and a few hundred pages take seconds.
    for number in tqdm(range(total), desc="news pages", unit="page"):
        index.add_child(instance=NewsPage(
            title=f"Aktualność {number}: spotkanie organizacji w regionie",
            slug=f"bench-news-{number}", date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
            introduction="Organizacje członkowskie Forum omówiły potrzeby osób z doświadczeniem uchodźczym.",
        ))
        index.refresh_from_db(fields=["numchild"])
    return {"news pages": NewsPage.objects.count()}
