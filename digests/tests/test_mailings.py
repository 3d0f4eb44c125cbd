"""Editor mailings in the Wagtail admin: permissions, preview, test to oneself, send once, report."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale

from accounts.roles import SECRETARIAT
from digests import delivery
from digests.factories import MailingFactory, SubscriptionFactory
from digests.models import Delivery, Mailing
from groups.factories import GroupIndexPageFactory, GroupMembershipFactory, WorkingGroupPageFactory
from groups.models import WorkingGroupPage
from home.translation import ensure_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(user_factory):
    user = user_factory(email="editor@example.org", language="en")
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def send_url(mailing):
    return reverse("wagtailsnippets_digests_mailing:send", args=[mailing.pk])


def test_secretariat_may_send(editor):
    assert editor.has_perm("digests.send_mailing")


def test_people_without_permission_cannot_send(client, user_factory):
    mailing = MailingFactory()
    staff = user_factory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get(send_url(mailing)).status_code in (302, 403)
    assert client.post(send_url(mailing), {"action": "send", "confirm": "yes"}).status_code in (302, 403)
    assert not Delivery.objects.exists()


def test_preview_test_send_and_report(client, editor):
    mailing = MailingFactory(body="<p>Zapraszamy <script>alert(1)</script></p>")
    SubscriptionFactory(email="pl@example.org", language="pl")
    SubscriptionFactory(email="uk@example.org", language="uk")
    SubscriptionFactory(email="gone@example.org", status="unsubscribed")
    client.force_login(editor)
    page = client.get(send_url(mailing))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Zaproszenie na spotkanie Forum" in html and "Invitation to the Forum meeting" in html
    assert "<script>alert(1)</script>" not in html

    client.post(send_url(mailing), {"action": "test", "language": "en"})
    [test] = mail.outbox
    assert test.to == ["editor@example.org"] and "TEST" in test.subject and "Invitation" in test.subject
    assert not Delivery.objects.exists()

    client.post(send_url(mailing), {"action": "send"})  # not confirmed: nothing happens
    assert not Delivery.objects.exists()
    client.post(send_url(mailing), {"action": "send", "confirm": "yes"})
    mailing.refresh_from_db()
    assert mailing.status == Mailing.SENT and mailing.sent_by == editor
    sent = {message.to[0]: message for message in mail.outbox[1:]}
    assert set(sent) == {"pl@example.org", "uk@example.org"}
    # No Ukrainian version: the Polish one, with a note in Ukrainian.
    assert "Zaproszenie" in sent["uk@example.org"].subject and "польськ" in sent["uk@example.org"].body.lower()
    assert sent["pl@example.org"].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="razem.mailing_sent")
    assert entry.user == editor and entry.data == {"recipients": 2}
    # Pressing send again (or a retry sweep) sends nothing more.
    client.post(send_url(mailing), {"action": "send", "confirm": "yes"})
    delivery.retry_due()
    assert len(mail.outbox) == 3
    report = client.get(send_url(mailing)).content.decode()
    assert '<td data-state="sent">2</td>' in report and '<td data-state="failed">0</td>' in report


@pytest.mark.parametrize(
    "audience, expected",
    [("all", {"a", "b", "m"}), ("members", {"m"}), ("sectors", {"a"}), ("regions", {"b"})],
)
def test_audiences(user_factory, audience, expected):
    member = user_factory(email="m@example.org")
    SubscriptionFactory(email="a@example.org", sectors=["housing"])
    SubscriptionFactory(email="b@example.org", voivodeships=["lubelskie"])
    SubscriptionFactory(email="m@example.org", user=member)
    mailing = MailingFactory(audience=audience)
    mailing.sectors.set(__import__("home.models").models.Sector.objects.filter(code="housing"))
    mailing.voivodeships.set(__import__("home.models").models.Voivodeship.objects.filter(code="lubelskie"))
    delivery.plan_mailing(mailing.pk)
    assert {message.to[0].split("@")[0] for message in mail.outbox} == expected


def test_members_of_chosen_working_groups(home_pages, user_factory):
    index = GroupIndexPageFactory(parent=home_pages["pl"])
    group = WorkingGroupPageFactory(parent=index, join_policy=WorkingGroupPage.JoinPolicy.OPEN)
    other = WorkingGroupPageFactory(parent=index, join_policy=WorkingGroupPage.JoinPolicy.OPEN)
    member, outsider = user_factory(email="in@example.org"), user_factory(email="out@example.org")
    GroupMembershipFactory(user=member, group=group)
    GroupMembershipFactory(user=outsider, group=other)
    SubscriptionFactory(email="in@example.org", user=member)
    SubscriptionFactory(email="out@example.org", user=outsider)
    mailing = MailingFactory(audience="groups")
    mailing.working_groups.set([ensure_translation(group, "en", title="Group en")])  # any translation names the group
    mail.outbox.clear()
    delivery.plan_mailing(mailing.pk)
    assert [message.to[0] for message in mail.outbox] == ["in@example.org"]


def test_an_empty_audience_is_not_sent(client, editor):
    mailing = MailingFactory(audience="sectors")
    SubscriptionFactory()
    client.force_login(editor)
    client.post(send_url(mailing), {"action": "send", "confirm": "yes"})
    mailing.refresh_from_db()
    assert mailing.is_draft and not Delivery.objects.exists()


def test_admin_listing_and_edit_with_preview(client, editor):
    mailing = MailingFactory()
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_digests_mailing:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_digests_mailing:edit", args=[mailing.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_digests_subscription:list")).status_code == 200


EMPTY = '{"blocks":[],"entityMap":{}}'


def test_a_message_without_text_is_refused(client, editor):
    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_digests_mailing:add"), {
        "title": "x", "audience": "all", "subject": "Temat", "body": EMPTY, "sectors": [], "voivodeships": [],
    })
    assert response.status_code == 200
    assert not Mailing.objects.exists()


def test_wagtail_preview_in_each_language_without_fallback_notice(client, editor):
    """Translated with wagtail-localize, each preview shows its own language, no Polish-fallback note."""
    mailing = MailingFactory(translations={"uk": ("Запрошення", "<p>Запрошуємо</p>"),
                                           "en": ("Invitation to the Forum meeting", "<p>Join us.</p>")})
    client.force_login(editor)
    for mode, expected in (("pl", "Zaproszenie na spotkanie Forum"), ("uk", "Запрошення"),
                           ("en", "Invitation to the Forum meeting")):
        response = mailing.make_preview_request(preview_mode=mode)
        html = response.content.decode()
        assert response.status_code == 200 and expected in html
        assert "not available in your language" not in html and "недоступний" not in html


def test_existing_mailings_become_translations(db):
    """The migration: each mailing's Polish columns become the source, its filled uk/en columns translations.

    Run on the real schema: back to before the change, an old-style mailing, forward again (PostgreSQL
    rolls the schema back with the test's transaction)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("digests", "0004_contact_audiences")]
    executor = MigrationExecutor(connection)
    after = [node for node in executor.loader.graph.leaf_nodes() if node[0] == "digests"]
    executor.migrate(before)
    OldMailing = executor.loader.project_state(before).apps.get_model("digests", "Mailing")
    old = OldMailing.objects.create(title="Stary", audience="all", subject_pl="Zaproszenie", body_pl="<p>Zapraszamy</p>",
                                    subject_uk="Запрошення", body_uk="<p>Запрошуємо</p>", subject_en="", body_en="")
    with connection.cursor() as cursor:  # no deferred checks left pending before the tables are altered
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    source = Mailing.objects.get(pk=old.pk)
    assert source.is_source and source.title == "Stary"
    assert source.versions() == {"pl": ("Zaproszenie", "<p>Zapraszamy</p>"), "uk": ("Запрошення", "<p>Запрошуємо</p>")}
    assert source.get_translation(Locale.objects.get(language_code="uk")).audience == "all"
