"""Which requests may read from the replica (cms.routers); the settings wiring is in test_production_settings."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from cms.routers import ReplicaReadsMiddleware, ReplicaRouter, reads_from_replica, replica_reads
from home.models import Sector

MEMBER = SimpleNamespace(is_authenticated=True)


def through_middleware(method, user):
    """Pass a request through the middleware; return whether the view could read from the replica."""
    seen = {}

    def view(request):
        seen["replica"] = reads_from_replica()
        return HttpResponse("ok")

    request = getattr(RequestFactory(), method)("/pl/")
    request.user = user
    ReplicaReadsMiddleware(view)(request)
    return seen["replica"]


@pytest.mark.parametrize(
    "method, user, replica",
    [
        ("get", AnonymousUser(), True),
        ("head", AnonymousUser(), True),
        ("post", AnonymousUser(), False),
        ("get", MEMBER, False),
        ("post", MEMBER, False),
    ],
)
def test_only_anonymous_safe_requests_read_from_the_replica(method, user, replica):
    assert through_middleware(method, user) is replica
    assert reads_from_replica() is False, "the flag never outlives the request"


def test_without_a_replica_alias_reads_stay_on_the_primary():
    # The test settings have no "replica" database: even an anonymous GET reads the primary.
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Sector) == "default"
    assert router.db_for_write(Sector) == "default"
    assert router.allow_migrate("default", "home") is True
    assert router.allow_migrate("replica", "home") is False
