"""Page serving: home, news list, news item, against the framework's simplest view (robots.txt).

Each page is measured twice: "uncached" with the frame's cross-request cache off
(settings.FRAME_CACHE = False: menu, language links, footer and home sections computed on
every request, memoised within it), then "fragment cache" with it on, as in production,
so the report shows what the cached fragments save.
"""

from django.test import Client, override_settings


def run(report):
    """Measure the frame's pages through the whole middleware stack, uncached then cached."""
    from home.models import NewsIndexPage, NewsPage

    client = Client()

    def get(path):
        def call():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return call

    news_index = NewsIndexPage.objects.get(locale__language_code="pl")
    news_item = NewsPage.objects.filter(locale__language_code="pl").order_by("-pk").first()
    reference = "reference: /robots.txt (simplest view)"
    report.measure(reference, get("/robots.txt"))
    pages = [("home /pl/", "/pl/"), (f"news list {news_index.url}", news_index.url),
             ("news list, page 2", news_index.url + "?page=2"), ("news item", news_item.url)]
    for cached, label in ((False, "uncached"), (True, "fragment cache")):
        with override_settings(FRAME_CACHE=cached):
            for name, path in pages:
                report.measure(f"{name} ({label})", get(path), reference=reference)
