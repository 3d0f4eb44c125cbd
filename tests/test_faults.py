"""Faults at the harness level: real processes killed, services unreachable, nothing lost.

- Elasticsearch unreachable while content is published (the client pointed at a closed port,
  the shared Elasticsearch keeps running): the indexing tasks fail, the outbox keeps every
  entry, search answers from the database, /healthz says "degraded"; after the "restart" the
  scheduled sync (run by django-q2's own scheduler) delivers everything, once.
- A digest worker process SIGKILLed in the middle of a batch: the resumed batch reaches
  everybody; nobody is sent twice when the worker dies before handing a message over.
- The database unreachable (a real refused connection, in a separate process): the 503 page
  and /healthz saying so.
"""

import base64
import datetime
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from digests import delivery
from digests.factories import SubscriptionFactory
from digests.models import Delivery
from directory.factories import DirectoryIndexPageFactory, OrganisationPageFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory
from library.factories import LibraryIndexPageFactory, ResourcePageFactory
from search.client import get_client
from search.documents import alias_name
from search.models import SearchEntry
from search.tests.conftest import es  # noqa: F401 — a clean index of this checkout
from tests.parallel import SERIAL_GROUP

# Processes killed and services cut off: never beside the browser tests on a loaded machine.
pytestmark = pytest.mark.xdist_group(SERIAL_GROUP)

ROOT = Path(__file__).resolve().parents[1]
NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))
IN_PERIOD = timezone.make_aware(datetime.datetime(2026, 11, 18, 12, 0))


def closed_port():
    """A local port nobody listens on: a connection is refused at once, like a stopped service."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_python(args, env, timeout=120):
    return subprocess.run([sys.executable, "-m", "tests.faults", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env})


def database_url(**changes):
    """DATABASE_URL of the test database (what this test process is connected to), with changes."""
    params = {**connection.settings_dict, **changes}
    return f"postgres://{params['USER']}:{params['PASSWORD']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


# ---------------------------------------------------------------- Elasticsearch down while indexing

def search_titles(client, query):
    """Titles the search API finds, answered by Elasticsearch itself (not the database fallback)."""
    get_client().indices.refresh(index=alias_name())
    response = client.get("/api/v1/search", {"q": query, "lang": "pl"})
    assert response["X-Search-Engine"] == "elasticsearch"
    return sorted(hit["title"] for hit in response.json()["results"])


@pytest.mark.django_db
def test_content_published_while_elasticsearch_is_down_is_delivered_after_the_restart(
        es, settings, home_pages, client, django_capture_on_commit_callbacks):  # noqa: F811
    from django.core.management import call_command
    from django_q.models import Schedule
    from django_q.scheduler import scheduler

    running = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"  # "stopped": connections refused
    get_client.cache_clear()
    home = home_pages["pl"]
    with django_capture_on_commit_callbacks(execute=True):
        news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Awaria: dyżur prawny")
        resource = ResourcePageFactory(parent=LibraryIndexPageFactory(parent=home), title="Awaria: poradnik")
        organisation = OrganisationPageFactory(parent=DirectoryIndexPageFactory(parent=home),
                                               title="Awaria: fundacja")
        for page in (news, resource, organisation):
            page.save_revision().publish()
    keys = [f"news:{news.pk}", f"resource:{resource.pk}", f"organisation:{organisation.pk}"]
    pending = dict(SearchEntry.objects.filter(title__startswith="Awaria").values_list("title", "synced"))
    assert pending == {"Awaria: dyżur prawny": False, "Awaria: poradnik": False, "Awaria: fundacja": False}, keys
    # Meanwhile the site answers from the database and says the search engine is down.
    page = client.get("/pl/search/", {"q": "awaria"})
    assert page.status_code == 200 and "Awaria: poradnik" in page.content.decode()
    assert client.get("/healthz").json()["status"] == "degraded"

    settings.ELASTICSEARCH_URL = running  # "restart"
    get_client.cache_clear()
    assert search_titles(client, "awaria") == []  # nothing reached Elasticsearch while it was down
    call_command("setup_schedules", verbosity=0)
    Schedule.objects.filter(func="search.tasks.sync_pending").update(next_run=timezone.now() - datetime.timedelta(minutes=1))
    assert Schedule.objects.filter(func="search.tasks.sync_pending").exists(), "nothing would deliver the outbox"
    scheduler()  # django-q2's scheduler runs the due sync as the cluster would

    assert not SearchEntry.objects.filter(synced=False).exists()
    assert search_titles(client, "awaria") == ["Awaria: dyżur prawny", "Awaria: fundacja", "Awaria: poradnik"]
    scheduler()  # a second sync has nothing left to send
    assert not SearchEntry.objects.filter(synced=False).exists()


# ---------------------------------------------------------------- a digest worker killed mid-batch

@pytest.fixture
def digest_batch(transactional_db, django_db_serialized_rollback):
    """Ten subscribers and one news item of last week, committed (the worker process must see them).

    Serialized rollback puts back what migrations created (a transactional test before this one
    may have flushed it), as for the browser tests.
    """
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Nowe mieszkania")
    type(news).objects.filter(pk=news.pk).update(first_published_at=IN_PERIOD)
    addresses = sorted(f"person{index}@example.org" for index in range(10))
    for address in addresses:
        SubscriptionFactory(email=address)
    _period, queued = delivery.plan_digest("weekly", now=NOW, send=False)
    assert len(queued) == 10
    return addresses, queued


@pytest.mark.parametrize("kill_when", ["before", "after"])
def test_digest_worker_killed_mid_batch_then_resumed(digest_batch, tmp_path, kill_when):
    addresses, queued = digest_batch
    worker = run_python(["digest-batch", NOW.isoformat(), *map(str, queued)],
                        {"DATABASE_URL": database_url(), "MAIL_DIR": str(tmp_path), "KILL_AT": "5",
                         "KILL_WHEN": kill_when})
    assert worker.returncode == -signal.SIGKILL, worker.stderr[-2000:]
    accepted = {}  # address → the bytes the "mail server" accepted from the killed worker
    for path in tmp_path.iterdir():
        message = json.loads(path.read_text())
        accepted[message["to"][0]] = base64.b64decode(message["raw"])
    handed_over = list(accepted)
    assert len(handed_over) == (4 if kill_when == "before" else 5)
    assert Delivery.objects.filter(state=Delivery.SENT).count() == 4  # the fifth was never recorded

    # The worker's lease expires; the retry sweep (scheduled every few minutes) finishes the batch.
    mail.outbox.clear()
    delivery.retry_due(now=NOW + delivery.LEASE + datetime.timedelta(minutes=1))
    delivery.retry_due(now=NOW + delivery.LEASE + datetime.timedelta(minutes=2))
    received = handed_over + [message.to[0] for message in mail.outbox]
    assert sorted(set(received)) == addresses  # nobody lost
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.SENT}
    duplicates = len(received) - len(set(received))
    # Dying before the hand-over sends nobody twice. Dying after the mail server accepted a message
    # but before "sent" was committed re-sends that one message: the known at-least-once window of
    # SMTP delivery, bounded to the one message in flight (each "sent" is committed on its own,
    # right after its message: the four before it were not re-sent).
    assert duplicates == (0 if kill_when == "before" else 1)
    if kill_when == "after":
        [again] = [message for message in mail.outbox if message.to[0] in accepted]
        first, second = accepted[again.to[0]], again.message().as_bytes(linesep="\r\n")
        # The re-send is the same message, byte for byte: same Message-ID (from the delivery record),
        # Date, unsubscribe links and MIME boundaries, so receivers that deduplicate by Message-ID
        # show it once.
        identity = [line for line in first.splitlines() if line.startswith((b"Message-ID:", b"Date:"))]
        assert len(identity) == 2 and identity[0] != b"Message-ID: " and b"@testserver>" in b"".join(identity)
        assert second == first


# ---------------------------------------------------------------- the database unreachable

@pytest.mark.django_db
def test_database_unreachable_gives_the_503_page_and_healthz_says_so(home_pages):
    result = run_python(["request", "/pl/", "/healthz", "/api/v1/organisations"],
                        {"DATABASE_URL": database_url(PORT=str(closed_port())), "ELASTICSEARCH_URL": "",
                         # The child runs without services on purpose: CI's "services required" guard is not its concern.
                         "CI": ""}, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    answers = {line["path"]: line for line in map(json.loads, result.stdout.splitlines())}
    page = answers["/pl/"]
    assert page["status"] == 503
    assert "Serwis jest chwilowo niedostępny" in page["body"] and "The service is temporarily unavailable" in page["body"]
    health = answers["/healthz"]
    assert health["status"] == 503
    assert json.loads(health["body"])["database"].startswith("down")
    assert answers["/api/v1/organisations"]["status"] == 503
