"""Digests end to end on real pages: languages, headers, nothing new, members-only, exactly once."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from digests import delivery, tokens
from digests.emails import compose_digest, compose_mailing
from digests.factories import MailingFactory, SubscriptionFactory
from digests.models import Delivery, Subscription
from digests.tokens import UNSUBSCRIBE, read_token
from home.factories import NewsIndexPageFactory, NewsPageFactory
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 25, 10, 0))  # a Wednesday
IN_PERIOD = timezone.make_aware(datetime.datetime(2026, 11, 18, 12, 0))  # week 47: 16–23 Nov
BEFORE = timezone.make_aware(datetime.datetime(2026, 11, 10, 12, 0))


def published(page, when):
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)
    return page


@pytest.fixture
def news(home_pages):
    index = NewsIndexPageFactory(parent=home_pages["pl"], slug="aktualnosci")
    for code in ("uk", "en"):
        ensure_translation(index, code, title=f"News {code}")
    housing = NewsPageFactory(parent=index, slug="mieszkania", title="Mieszkania po ośrodkach",
                              introduction="Wsparcie rodzin <script>alert(1)</script>")
    housing_uk = ensure_translation(housing, "uk", title="Житло після центрів")
    polish_only = NewsPageFactory(parent=index, slug="tylko-pl", title="Tylko po polsku")
    members = NewsPageFactory(parent=index, slug="dla-czlonkow", title="Notatka dla członków")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    secret = NewsPageFactory(parent=index, slug="haslo", title="Chronione hasłem")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
    old = NewsPageFactory(parent=index, slug="stara", title="Stara wiadomość")
    for page in (housing, housing_uk, polish_only, members, secret):
        published(page, IN_PERIOD)
    published(old, BEFORE)
    return {"housing": housing, "housing_uk": housing_uk, "polish_only": polish_only, "members": members}


def outbox_for(address):
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_digest_in_the_subscribers_language_with_notes_and_headers(news, monkeypatch):
    SubscriptionFactory(email="olena@example.org", language="uk")
    period, queued = delivery.plan_digest("weekly", now=NOW)
    assert period.key == "weekly:2026-W47" and len(queued) == 1
    [message] = mail.outbox
    assert "[Forum Razem]" in message.subject and "2" in message.subject
    body, html = message.body, html_of(message)
    assert "Житло після центрів" in body and "Житло після центрів" in html
    assert "Tylko po polsku" in body  # not translated: shown in Polish, with a note
    assert "польськ" in body.lower()
    assert "Stara wiadomość" not in body  # published before the period
    assert "Notatka dla członków" not in body and "Chronione hasłem" not in body
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/uk/digests/unsubscribe/") and unsubscribe.endswith("/>")
    assert "/uk/digests/manage/" in body
    assert message.extra_headers["Message-ID"].startswith("<digest.weekly.2026-W47.")
    # The List-Unsubscribe address works with a one-click POST. Its token is signed at the delivery's
    # planning time (NOW, fixed here), and its age counts in real time: allow for the time since NOW.
    from django.test import Client

    since = max(int((timezone.now() - NOW).total_seconds()), 0)
    monkeypatch.setitem(tokens.MAX_AGE, tokens.UNSUBSCRIBE, tokens.MAX_AGE[tokens.UNSUBSCRIBE] + since)

    response = Client(enforce_csrf_checks=True).post(unsubscribe[len("<http://testserver"):-1],
                                                     {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get(email="olena@example.org").status == Subscription.UNSUBSCRIBED


def test_the_same_delivery_builds_the_same_bytes_and_its_links_work(news):
    """A re-send (after a worker died between the server's acceptance and the commit) is the same message."""
    subscription = SubscriptionFactory(email="olena@example.org", language="uk")
    issued = timezone.now() - datetime.timedelta(days=2)
    items = []

    def build(at):
        message = compose_digest(subscription, items, "weekly:2026-W47", BEFORE, NOW, issued_at=at)
        return message.message().as_bytes()

    assert build(issued) == build(issued)
    assert build(issued) != build(issued + datetime.timedelta(seconds=1))  # the identity is the delivery's
    mailing = MailingFactory()
    first, second = (compose_mailing(subscription, mailing, issued_at=issued) for _ in range(2))
    assert first.message().as_bytes() == second.message().as_bytes()
    raw = first.message()
    assert raw["Message-ID"] == f"<mailing.{mailing.pk}.{subscription.pk}@testserver>"
    assert raw["Date"] == issued.astimezone(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    token = first.extra_headers["List-Unsubscribe"].rstrip("/>").rsplit("/", 1)[1]
    assert read_token(token, UNSUBSCRIBE) == subscription  # signed two days ago: still valid


def test_members_only_content_only_for_members(news, user_factory):
    member = user_factory(email="member@example.org")
    SubscriptionFactory(email="member@example.org", user=member)
    SubscriptionFactory(email="guest@example.org")
    delivery.plan_digest("weekly", now=NOW)
    assert "Notatka dla członków" in outbox_for("member@example.org")[0].body
    assert "Notatka dla członków" not in outbox_for("guest@example.org")[0].body
    assert "Chronione hasłem" not in outbox_for("member@example.org")[0].body


def test_account_is_linked_by_verified_address_at_planning(news, user_factory):
    member = user_factory(email="late@example.org")
    subscription = SubscriptionFactory(email="late@example.org")
    delivery.plan_digest("weekly", now=NOW)
    subscription.refresh_from_db()
    assert subscription.user == member
    assert "Notatka dla członków" in mail.outbox[0].body


def test_nothing_new_sends_nothing(news):
    SubscriptionFactory(email="meetings@example.org", kinds=["meetings"])
    delivery.plan_digest("weekly", now=NOW)
    assert not mail.outbox
    assert Delivery.objects.get().state == Delivery.SKIPPED
    # A quiet week sends nothing either, and the week after still starts where the last one ended.
    SubscriptionFactory(email="all@example.org")
    delivery.plan_digest("weekly", now=NOW + datetime.timedelta(days=7))
    assert not mail.outbox


def test_the_same_period_twice_sends_nothing_more(news):
    for index in range(3):
        SubscriptionFactory(email=f"p{index}@example.org")
    delivery.plan_digest("weekly", now=NOW)
    assert len(mail.outbox) == 3
    delivery.plan_digest("weekly", now=NOW + datetime.timedelta(hours=2))
    delivery.retry_due(now=NOW + datetime.timedelta(days=1))
    assert len(mail.outbox) == 3
    assert Delivery.objects.count() == 3


def test_unsubscribed_between_planning_and_sending_gets_nothing(news):
    subscription = SubscriptionFactory()
    _period, queued = delivery.plan_digest("weekly", now=NOW, send=False)
    subscription.unsubscribe()
    subscription.save()
    delivery.send_batch(queued, now=NOW)
    assert not mail.outbox and Delivery.objects.get().state == Delivery.SKIPPED


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the worker catches it."""


def test_interrupted_batch_resumes_and_sends_each_person_exactly_once(news, monkeypatch):
    addresses = [f"person{index}@example.org" for index in range(10)]
    for address in addresses:
        SubscriptionFactory(email=address)
    _period, queued = delivery.plan_digest("weekly", now=NOW, send=False)
    original = EmailBackend.send_messages

    def dies_after_four(self, messages):
        if len(mail.outbox) >= 4:
            raise WorkerKilled
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", dies_after_four)
    with pytest.raises(WorkerKilled):
        delivery.send_batch(queued, now=NOW)
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert len(mail.outbox) == 4
    states = dict(Delivery.objects.values_list("state").annotate(n=__import__("django.db.models").db.models.Count("pk")))
    # The dead worker's chunk stays claimed; anything beyond its chunk is still queued.
    assert states["sent"] == 4 and states["sending"] == min(delivery.CLAIM_CHUNK, 10) - 4
    assert states["sending"] + states.get("queued", 0) == 6

    # The scheduler runs again (or the task is retried): queued ones are sent, the claimed ones wait.
    delivery.plan_digest("weekly", now=NOW + datetime.timedelta(minutes=1))
    assert len(mail.outbox) == 4 + states.get("queued", 0)
    # Once the dead worker's lease expires, the retry sweep sends the rest.
    delivery.retry_due(now=NOW + delivery.LEASE + datetime.timedelta(minutes=1))
    delivery.retry_due(now=NOW + delivery.LEASE + datetime.timedelta(minutes=2))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(addresses)
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_failed_sends_are_retried_with_exponential_back_off(news, monkeypatch):
    SubscriptionFactory(email="flaky@example.org")
    original = EmailBackend.send_messages

    def refuses(self, messages):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(EmailBackend, "send_messages", refuses)
    delivery.plan_digest("weekly", now=NOW)
    record = Delivery.objects.get()
    assert record.state == Delivery.FAILED and record.attempts == 1
    assert record.next_attempt_at == NOW + delivery.BACKOFF and "connection lost" in record.last_error
    delivery.retry_due(now=NOW + delivery.BACKOFF / 2)  # not due yet
    record.refresh_from_db()
    assert record.attempts == 1
    delivery.retry_due(now=record.next_attempt_at)
    record.refresh_from_db()
    assert record.attempts == 2 and record.next_attempt_at - (NOW + delivery.BACKOFF) == delivery.BACKOFF * 2
    for _attempt in range(delivery.MAX_ATTEMPTS - 2):
        delivery.retry_due(now=record.next_attempt_at)
        record.refresh_from_db()
    assert record.attempts == delivery.MAX_ATTEMPTS and record.next_attempt_at is None  # gave up, recorded
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    delivery.retry_due(now=NOW + datetime.timedelta(days=30))
    assert not mail.outbox


def test_a_recovered_failure_is_sent_once(news, monkeypatch):
    SubscriptionFactory(email="flaky@example.org")
    original = EmailBackend.send_messages
    monkeypatch.setattr(EmailBackend, "send_messages",
                        lambda self, messages: (_ for _ in ()).throw(smtplib.SMTPServerDisconnected("x")))
    delivery.plan_digest("weekly", now=NOW)
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    delivery.retry_due(now=NOW + delivery.BACKOFF)
    delivery.retry_due(now=NOW + delivery.BACKOFF * 10)
    assert len(outbox_for("flaky@example.org")) == 1


def queries_for(count, start_index):
    for index in range(count):
        SubscriptionFactory(email=f"q{start_index + index}@example.org", sectors=["housing"], voivodeships=["lubelskie"])
    _period, queued = delivery.plan_digest("weekly", now=NOW, send=False)
    with CaptureQueriesContext(connection) as context:
        delivery.send_batch(queued, now=NOW)
    return len(context)


def test_sql_queries_per_subscriber_are_bounded(news):
    small = queries_for(3, 0)
    mail.outbox.clear()
    large = queries_for(23, 100)
    assert len(mail.outbox) == 23  # the second run only has the 23 new subscribers
    per_subscriber = (large - small) / 20
    print("queries", small, large, per_subscriber)
    assert per_subscriber <= 1.5, (small, large)  # finish, plus a chunked claim; the rest is per batch
    assert small <= 40, small
