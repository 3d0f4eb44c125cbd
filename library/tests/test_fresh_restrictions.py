"""The library's cached facet counts and related resources never outlive a view restriction.

Both are cached under the library's version, which publishing bumps; a restriction written
without model signals (`PageViewRestriction.objects.bulk_create`, as a data migration does)
bumps nothing. The counts' key holds the paths hidden from visitors and the related list is
checked against the restrictions read with each request, so a bulk-restricted resource leaves
both on the next request, while a signed-in reader who passes the restriction still gets it
among the related resources.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

REPORT = "Raport o potrzebach mieszkaniowych"


@pytest.fixture(autouse=True)
def _caches_on(settings):
    settings.FRAME_CACHE = True


def _facet(response, key):
    facets = {f.key: f for f in response.context["facets"]}
    return {option["value"]: option["count"] for option in facets[key].options}


def test_a_bulk_restricted_resource_leaves_counts_and_related_lists(client, dataset, library, user_factory):
    guide = dataset["pages"][0]
    report = next(page for page in dataset["pages"] if page.title == REPORT)
    for _warm in range(2):
        response = client.get(library.url)
        assert _facet(response, "type")["report"] == 1
        assert REPORT in response.content.decode()  # the rendered results, cached from the first request
        assert REPORT in client.get(guide.url).content.decode()

    PageViewRestriction.objects.bulk_create([
        PageViewRestriction(page=Page.objects.get(pk=report.pk), restriction_type=PageViewRestriction.LOGIN)])

    response = client.get(library.url)
    assert REPORT not in [page.title for page in response.context["resources"]]
    assert REPORT not in response.content.decode()
    assert "report" not in _facet(response, "type") and _facet(response, "topic")["mieszkanie"] == 1
    assert response.context["resources"].paginator.count == 4
    assert REPORT not in client.get(guide.url).content.decode()

    client.force_login(user_factory())
    assert REPORT in client.get(guide.url).content.decode()
