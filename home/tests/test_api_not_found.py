"""Unknown API paths and missing API objects answer 404 in JSON, never a redirect to /pl/api/…."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/no-such-endpoint", "/api/v1/organisations/999999", "/api/", "/api/v2/x/",
                                  "/api/v1/organisations/abc"])
def test_api_404_is_json_without_redirect(client, home_page, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 404, (path, response.status_code, response.get("Location"))
    assert "Location" not in response
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_page_paths_without_prefix_still_redirect_to_the_language(client, home_page):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 302
    assert response["Location"] == "/uk/no-such-page/"


def test_existing_api_still_answers(client, home_page):
    assert client.get("/api/v1/organisations").status_code == 200
