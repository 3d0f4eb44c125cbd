"""Page serving: home, news list, news item, against the framework's simplest view (robots.txt)."""

from django.test import Client


def run(report):
    """Measure the frame's pages, uncached, through the whole middleware stack."""
    from home.models import NewsIndexPage, NewsPage

    client = Client()

    def get(path):
        def call():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        return call

    news_index = NewsIndexPage.objects.get(locale__language_code="pl")
    news_item = NewsPage.objects.filter(locale__language_code="pl").order_by("-pk").first()
    report.measure("reference: /robots.txt (simplest view)", get("/robots.txt"))
    reference = "reference: /robots.txt (simplest view)"
    report.measure("home /pl/", get("/pl/"), reference=reference)
    report.measure(f"news list {news_index.url}", get(news_index.url), reference=reference)
    report.measure("news list, page 2", get(news_index.url + "?page=2"), reference=reference)
    report.measure("news item", get(news_item.url), reference=reference)
