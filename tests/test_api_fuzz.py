"""The public API fuzzed with schemathesis against its own OpenAPI schema (/api/v1/schema).

Every operation of the schema gets generated requests (valid and invalid parameters);
each response must not be a server error and must conform to the schema (status code,
content type, body, headers). Bounded: MAX_EXAMPLES per operation, no deadline, so the whole
module stays within about a minute on the shared 2-core machine.

The requests go through the real WSGI application (every middleware) on the test database,
with a few published organisations so that list and detail bodies are not empty. The search
endpoints run at a low rate here, so that the fuzzer also meets their documented 429 (with
Retry-After) and validates it like any other response.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import negative_data_rejection

from cms.wsgi import application
from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory

MAX_EXAMPLES = 50
# Below the number of examples schemathesis sends each operation (~160 for the search with its
# many parameters, ~60 for autocomplete): the last ones are answered 429, the others searched.
SEARCH_RATES = {"search": "100/min", "autocomplete": "40/min"}


def load_schema():
    """The schema drf-spectacular serves at /api/v1/schema, generated from the code (no request, no database).

    Loaded eagerly: schemathesis' lazy `from_fixture` loader relies on a pytest attribute that
    pytest 9 no longer has.
    """
    from drf_spectacular.generators import SchemaGenerator

    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = application
    return loaded


schema = load_schema()


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Django closes the database connection at the end of a WSGI request, which would end the test's
    transaction; its test client disconnects that handler the same way while it runs."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def search_rates(settings):
    """Each operation starts with empty throttle counters and a rate its examples exceed."""
    settings.SEARCH_API_RATES = SEARCH_RATES
    cache.clear()


@pytest.fixture(autouse=True)
def organisations(db, home_page):
    """A few published organisations (hostile names included) so that list and detail bodies are not empty."""
    directory = DirectoryIndexPageFactory(parent=home_page)
    return [OrganisationPageFactory(parent=directory, title=f"Fundacja <b>Test</b> {n} \u202e", sectors=sectors,
                                    regions_served=["mazowieckie", "lubelskie"], languages=["pl", "uk"])
            for n, sectors in enumerate((["housing"], ["legal-aid", "education"], ["health"]))]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case):
    # The API is deliberately lenient with filters (an unknown language or code is ignored, as on the
    # directory page), so "invalid input must get a 4xx" does not apply; every other check does, and
    # invalid inputs are still sent: they must not cause a 500 or a response outside the schema.
    # Throttle counters are not reset between examples: a 429 must conform to the schema too.
    case.call_and_validate(excluded_checks=[negative_data_rejection])


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/search/autocomplete"])
def test_throttled_search_conforms_to_its_schema(settings, path):
    """The 429 is documented (body and Retry-After), and the check would see a missing header."""
    settings.SEARCH_API_RATES = {"search": "1/min", "autocomplete": "1/min"}
    case = schema[path]["GET"].Case(query={"q": "pomoc"})
    assert case.call().status_code == 200
    throttled = case.call()
    assert throttled.status_code == 429
    case.validate_response(throttled, excluded_checks=[negative_data_rejection])

    del throttled.headers["retry-after"]
    with pytest.raises(FailureGroup, match="Retry-After"):
        case.validate_response(throttled, excluded_checks=[negative_data_rejection])


@pytest.mark.parametrize("path", ["/api/v1/organisations/0", "/api/v1/organisations?page=99", "/documents/0/x.pdf"])
def test_not_found_outside_the_language_prefixed_site_stays_404(client, path):
    """Found by the fuzzer: LocaleMiddleware turned these 404s into redirects to /pl/… (home.middleware)."""
    response = client.get(path)
    assert response.status_code == 404
    assert "Location" not in response


def test_unknown_page_under_no_prefix_still_redirects_to_the_default_language(client, home_page):
    assert client.get("/no-such-page/").status_code == 302
