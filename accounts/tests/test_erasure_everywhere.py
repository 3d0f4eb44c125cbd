"""Erasure reaches the search index (Elasticsearch and the database fallback) and pending e-mails.

A person who wrote in every indexed kind that can carry their words (a discussion thread they
opened, a reply in someone else's thread, a member update of their organisation), was their
organisation's contact person and had digests and a mailing queued, deletes their account
through the real path (re-authentication, then the form). The index updates run as in
production (on commit → django-q2 task, synchronous in tests → database copy → Elasticsearch).
Afterwards no indexed document, snippet, highlight, suggestion or facet holds their name or
address, while the group's and the organisation's content is still found, with no author.
"""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.mail import send_to_user
from accounts.models import User
from community import discussions
from community import updates as member_updates
from community.models import OrganisationUpdate, Post, Thread
from digests import delivery
from digests.factories import MailingFactory, SubscriptionFactory
from digests.models import Delivery, Subscription
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator, request_to_join
from groups.models import WorkingGroupPage
from groups.tests.conftest import member_factory, organisation  # noqa: F401 — fixtures
from home.factories import PASSWORD
from search import indexing
from search.audience import reader_tokens
from search.client import get_client
from search.documents import alias_name
from search.engines import SearchRequest, autocomplete, search
from search.models import SearchEntry, SearchEntryFacet
from search.tests.conftest import engine, es, no_es  # noqa: F401 — fixtures
from search.text import fold, translit

pytestmark = pytest.mark.django_db

FIRST, LAST, EMAIL = "Oleksandra", "Zaliznyak", "oleksandra.zaliznyak@example.org"


def traces():
    """Every form in which the person could linger in an index: as written, folded, transliterated."""
    forms = {FIRST, LAST, EMAIL, "oleksandra.zaliznyak", f"{FIRST} {LAST}"}
    forms |= {fold(form) for form in set(forms)} | {translit(form) for form in set(forms)}
    return {form.lower() for form in forms if len(form) >= 4}


def assert_no_trace(text, where):
    lowered = str(text).lower()
    found = sorted(form for form in traces() if form in lowered)
    assert not found, f"{found} still in {where}: {lowered[:500]}"


@pytest.fixture
def group(home_page):
    index = GroupIndexPageFactory(parent=home_page)
    # A fixed topic: a random sentence may hold a word the searches below look for.
    return WorkingGroupPageFactory(parent=index, title="Edukacja", slug="edukacja", topic="Szkoły i przedszkola",
                                   join_policy=WorkingGroupPage.JoinPolicy.OPEN)


@pytest.fixture
def person(member_factory, organisation, group, user_factory):  # noqa: F811
    """The person, who belongs to the organisation and the group, and the group's coordinator."""
    user = member_factory(first_name=FIRST, last_name=LAST, email=EMAIL, language="uk")
    request_to_join(user, group)
    return user


def write_everywhere(person, group, organisation, coordinator):  # noqa: F811
    """The person's content in each indexed kind, their contact details and their queued e-mails."""
    own = discussions.start_thread(person, group, "Kursy językowe dla dorosłych",
                                   "Prowadzimy kursy wieczorowe w Lublinie.", visibility=Thread.Visibility.REGISTERED)
    other = discussions.start_thread(coordinator, group, "Tłumacze przysięgli",
                                     "Kto zna tłumaczy w Rzeszowie?", visibility=Thread.Visibility.REGISTERED)
    discussions.reply(person, other, "Polecam biuro tłumaczeń przy dworcu w Rzeszowie.")
    update = member_updates.post_update(person, organisation, OrganisationUpdate.Kind.ACTIVITY,
                                        "Otwieramy punkt konsultacyjny w Przemyślu.", "pl")
    # The organisation names the person as its contact (published, so every revision holds it too).
    organisation.contact_name, organisation.contact_email = f"{FIRST} {LAST}", EMAIL
    organisation.contact_phone = "+48 600 100 200"
    organisation.save_revision().publish()
    return own, other, update


def queue_emails(person):
    """A digest and a mailing planned for the person's subscription, not sent yet."""
    subscription = SubscriptionFactory(email=EMAIL, user=person)
    now = timezone.now()
    delivery.plan_digest("weekly", now=now, send=False)
    mailing = MailingFactory()
    delivery.plan_mailing(mailing.pk, now=now, send=False)
    assert set(Delivery.objects.filter(subscription=subscription).values_list("key", flat=True)) >= {
        f"mailing:{mailing.pk}"}
    return subscription


def erase_through_the_site(client, person):
    client.post("/pl/accounts/login/", {"login": EMAIL, "password": PASSWORD})
    assert client.post("/pl/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    response = client.post("/pl/privacy/delete/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/", response


def raw_documents(client):
    """Every document of this checkout's content index, straight from Elasticsearch."""
    from elasticsearch import helpers

    client.indices.refresh(index=alias_name())
    return list(helpers.scan(client, index=alias_name(), query={"query": {"match_all": {}}}))


def assert_index_clean(engine, es_client):
    """No field of any indexed entry, in either engine's store, holds the person."""
    for entry in SearchEntry.objects.all():
        for field in ("key", "title", "summary", "body", "url", "languages", "folded_title", "folded"):
            assert_no_trace(getattr(entry, field), f"SearchEntry {entry.key}.{field}")
        assert_no_trace(json.dumps(entry.document, ensure_ascii=False, default=str), f"SearchEntry {entry.key}.document")
    for value in SearchEntryFacet.objects.values_list("value", flat=True):
        assert_no_trace(value, "a facet row")
    if engine == "elasticsearch":
        documents = raw_documents(es_client)
        assert documents
        for document in documents:
            assert_no_trace(json.dumps(document["_source"], ensure_ascii=False), f"Elasticsearch {document['_id']}")

        # The analysed terms, not only the stored source: any field, any analyser.
        for word in (FIRST, LAST, EMAIL, translit(LAST)):
            found = es_client.search(index=alias_name(), query={"query_string": {
                "query": f'"{word}"', "fields": ["*"], "lenient": True}})
            assert found["hits"]["total"]["value"] == 0, (word, found["hits"]["hits"])


def assert_search_shows_no_trace(reader):
    """Results, snippets, highlights, suggestions, facets and autocomplete, as readers get them."""
    for text in (FIRST, LAST, EMAIL, f"{FIRST} {LAST}"):
        for audience in (None, reader_tokens(reader)):
            results = search(SearchRequest(text=text, audience=audience, page_size=50))
            assert results.count == 0, (text, [hit.title for hit in results.hits])
            assert_no_trace(results.suggestion, "the suggestion")
        assert autocomplete(text[:6], None) == []
    for text in ("kursy", "tłumaczeń", "Przemyślu", ""):
        results = search(SearchRequest(text=text, audience=None, page_size=50))
        for hit in results.hits:
            assert_no_trace(f"{hit.title} {hit.snippet} {hit.url}", f"the hit {hit.kind}:{hit.object_id}")
        assert_no_trace(results.facets, "the facets")
        for suggestion in autocomplete(text[:5] or "Kur", None):
            assert_no_trace(suggestion, "autocomplete")


def test_erasure_leaves_no_trace_in_the_index_or_the_outbox(
        engine, client, person, group, organisation, user_factory, home_page,  # noqa: F811
        django_capture_on_commit_callbacks):
    coordinator = user_factory(first_name="Iryna", last_name="Koordynatorka")
    appoint_coordinator(coordinator, group)
    with django_capture_on_commit_callbacks(execute=True):
        own, other, update = write_everywhere(person, group, organisation, coordinator)
    indexing.rebuild()  # everything indexed before the erasure, as on a running site
    subscription = queue_emails(person)
    found_before = {hit.title for hit in search(SearchRequest(text="Rzeszowie", audience=None)).hits}
    assert other.title in found_before
    person_pk = person.pk

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        erase_through_the_site(client, person)
    assert callbacks, "the erasure queued no index update"

    es_client = es_client_or_none(engine)
    assert_index_clean(engine, es_client)
    assert_search_shows_no_trace(coordinator)

    # The group's and the organisation's content stays, searchable, with no author.
    assert Thread.objects.get(pk=own.pk).author is None
    assert list(Post.objects.filter(thread=other).values_list("author_id", flat=True)) == [coordinator.pk, None]
    assert OrganisationUpdate.objects.get(pk=update.pk).author is None
    audience = reader_tokens(coordinator)
    # A member update's hit is titled with its organisation (its type is a label beside it).
    for text, title in (("kursy wieczorowe", own.title), ("biuro tłumaczeń", other.title),
                        ("punkt konsultacyjny", organisation.title)):
        results = search(SearchRequest(text=text, audience=audience))
        assert [hit.title for hit in results.hits] == [title], text

    # The audit log keeps its entries (their memberships, the erasure) without the person's name or address.
    from wagtail.models import ModelLogEntry, PageLogEntry

    for model in (ModelLogEntry, PageLogEntry):
        for label in model.objects.values_list("label", flat=True):
            assert_no_trace(label, "an audit log label")
    assert ModelLogEntry.objects.filter(action="razem.membership_remove", content_type__app_label="groups").exists()

    # The organisation keeps its profile; the contact person is gone from the page and every revision.
    organisation.refresh_from_db()
    assert (organisation.contact_name, organisation.contact_email, organisation.contact_phone) == ("", "", "")
    assert organisation.live
    for revision in organisation.revisions.all():
        assert_no_trace(json.dumps(revision.content, ensure_ascii=False, default=str), f"revision {revision.pk}")

    # Pending e-mails: nothing is owed to the person any more, and the retry sweep sends them nothing.
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Delivery.objects.filter(subscription_id=subscription.pk).exists()
    delivery.retry_due(now=timezone.now() + datetime.timedelta(days=1))
    # A notification queued for them before the erasure (a task running late) reaches nobody.
    assert send_to_user(User.objects.get(pk=person_pk), "accounts/tests/hello") == 0
    for message in mail.outbox:
        assert EMAIL not in message.to and f"erased-{person_pk}@invalid" not in message.to, message.subject
        assert_no_trace(message.body, f"the e-mail {message.subject!r}")

    # The site works afterwards: the thread page, its group and the organisation's update show no name.
    client.force_login(coordinator)
    with translation.override("pl"):
        urls = [reverse("community:thread", args=[own.pk]), reverse("community:thread", args=[other.pk]),
                reverse("community:update", args=[update.pk])]
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_no_trace(response.content.decode(), url)


def es_client_or_none(engine):
    return get_client() if engine == "elasticsearch" else None
