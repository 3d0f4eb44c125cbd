"""#17 item 7: one client address for every limit, from the number of trusted proxies (core.client_ip).

Both failures of the probe: a client-sent X-Forwarded-For must not buy a fresh budget, and two
clients behind the proxy (one connecting address) must not share one.
"""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited

from core.client_ip import client_ip

pytestmark = pytest.mark.django_db
NGINX = "172.18.0.5"  # the connecting address of every request behind the proxy


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = 1


def via_nginx(client_address, forged=None):
    """META of a request nginx forwarded: it appends the address it received the request from."""
    header = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": header}


def test_the_address_rule(settings):
    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")) == "192.0.2.1"
    settings.TRUSTED_PROXIES = 1
    assert client_ip(factory.get("/", **via_nginx("192.0.2.1", forged="6.6.6.6"))) == "192.0.2.1"
    assert client_ip(factory.get("/", REMOTE_ADDR=NGINX)) == NGINX  # nothing forwarded: the connecting address
    assert client_ip(factory.get("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="not an address")) == NGINX
    settings.TRUSTED_PROXIES = 2  # a load balancer in front of nginx
    request = factory.get("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1, 10.0.0.2")
    assert client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize("proxied", [False, True], ids=["direct", "behind-nginx"])
def test_a_forged_forwarded_header_does_not_escape_the_search_limit(client, settings, proxied):
    """The search throttle trusted any X-Forwarded-For (DRF without NUM_PROXIES): 70 requests with a
    rotating header were never refused."""
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_API_RATES = {"search": "5/min", "autocomplete": "5/min"}
    settings.TRUSTED_PROXIES = 1 if proxied else 0
    statuses = []
    for n in range(8):
        meta = via_nginx("203.0.113.9", forged=f"198.51.100.{n}") if proxied else {
            "REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        statuses.append(client.get("/api/v1/search", {"q": "pomoc"}, **meta).status_code)
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429] * 3


def test_two_clients_behind_the_proxy_do_not_share_the_log_in_limit(client, behind_nginx):
    """allauth counted failed log-ins on the connecting address: behind nginx one attacker locked everyone out."""
    def log_in(address, n):
        response = client.post("/en/accounts/login/", {"login": f"ktos{n}@example.org", "password": "zle-haslo"},
                               **via_nginx(address, forged=f"198.51.100.{n}"))
        return "Too many failed login attempts" in response.content.decode()

    # ACCOUNT_RATE_LIMITS: 10 failures a minute per address (other accounts each time: not the per-account limit).
    assert [log_in("203.0.113.66", n) for n in range(12)][-1] is True
    assert log_in("192.0.2.44", 99) is False


def test_two_clients_behind_the_proxy_do_not_share_a_form_limit(behind_nginx):
    """django-ratelimit's key="ip" (subscriptions) counted the connecting address."""
    factory = RequestFactory()

    def limited(address):
        request = factory.post("/", **via_nginx(address, forged="198.51.100.1"))
        return is_ratelimited(request, group="t", key="ip", rate="2/m", method="POST", increment=True)

    assert [limited("203.0.113.66") for _ in range(3)] == [False, False, True]
    assert limited("192.0.2.44") is False
