"""Group discussions: who reads and writes, follow and mute, e-mails, moderation, bad input, escaping."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from community import discussions
from community.digest import digest_items
from community.models import MAX_POST_LENGTH, Post, Report, Thread, ThreadSubscription
from community.notifications import send_daily_summaries
from groups.membership import appoint_coordinator, leave
from groups.roles import ensure_members_collection, space_of
from library.tests.test_pages import frame_queries

pytestmark = pytest.mark.django_db
Mode = ThreadSubscription.Mode


def thread_url(thread):
    return reverse("community:thread", args=[thread.pk])


# --- reading and writing -----------------------------------------------------------------------


def test_members_only_thread_is_hidden_from_outsiders_everywhere(client, thread, group, outsider, member):
    client.force_login(outsider)
    assert client.get(thread_url(thread)).status_code == 404
    listing = client.get(reverse("community:group_threads", args=[group.pk]))
    assert listing.status_code == 200 and thread.title not in listing.content.decode()
    assert not Thread.objects.visible_to(outsider).exists()
    page = client.get(group.url)
    assert thread.title not in page.content.decode()
    client.force_login(member)
    assert thread.title in client.get(group.url).content.decode()
    assert client.get(thread_url(thread)).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, thread):
    response = client.get(thread_url(thread))
    assert response.status_code == 302 and "login" in response["Location"]


def test_registered_thread_readable_but_not_writable_by_outsiders(client, thread, coordinator, outsider):
    discussions.set_flags(coordinator, thread, visibility=Thread.Visibility.REGISTERED)
    client.force_login(outsider)
    response = client.get(thread_url(thread))
    assert response.status_code == 200 and "Pierwszy wpis" in response.content.decode()
    response = client.post(thread_url(thread), {"body": "Ja też chcę coś powiedzieć"})
    assert response.status_code == 400
    assert "Only members of this working group" in response.content.decode()
    assert thread.posts.count() == 1


def test_only_members_start_threads_and_only_coordinators_choose_visibility(client, group, member, outsider):
    client.force_login(outsider)
    client.post(reverse("community:new_thread", args=[group.pk]), {"title": "T", "body": "B"})
    assert not Thread.objects.exists()
    client.force_login(member)
    response = client.post(reverse("community:new_thread", args=[group.pk]),
                           {"title": "Nowy wątek", "body": "Treść", "visibility": "registered"})
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert thread.visibility == Thread.Visibility.MEMBERS  # a member cannot open it up
    assert thread.subscriptions.get(user=member).mode == Mode.EACH


def test_coordinator_opens_thread_to_all_registered(group, coordinator):
    thread = discussions.start_thread(coordinator, group, "Otwarty", "Dla wszystkich",
                                      visibility=Thread.Visibility.REGISTERED)
    assert thread.visibility == Thread.Visibility.REGISTERED


def test_reply_updates_counters_and_redirects_to_post(client, thread, member):
    client.force_login(member)
    response = client.post(thread_url(thread), {"body": "Odpowiedź"})
    post = Post.objects.latest("pk")
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{post.pk}")
    thread.refresh_from_db()
    assert thread.post_count == 2 and thread.last_post_at == post.created_at


@pytest.mark.parametrize("body, message", [
    ("", "Write something before posting."),
    ("   \n\t ", "Write something before posting."),
    ("x" * 100_000, f"at most {MAX_POST_LENGTH} characters"),
])
def test_bad_posts_are_refused_with_a_clear_message(client, thread, member, body, message):
    client.force_login(member)
    response = client.post(thread_url(thread), {"body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert thread.posts.count() == 1


def test_service_refuses_bad_bodies_too(thread, member):
    with pytest.raises(discussions.DiscussionError):
        discussions.reply(member, thread, "\u202e")
    with pytest.raises(discussions.DiscussionError):
        discussions.reply(member, thread, "a" * (MAX_POST_LENGTH + 1))
    assert thread.posts.count() == 1


def test_locked_thread_takes_no_posts(client, thread, coordinator, member):
    client.force_login(coordinator)
    client.post(reverse("community:moderate", args=[thread.pk]), {"action": "lock"})
    thread.refresh_from_db()
    assert thread.locked
    client.force_login(member)
    response = client.post(thread_url(thread), {"body": "Jeszcze jedno"})
    assert response.status_code == 400 and "locked" in response.content.decode()
    assert thread.posts.count() == 1


def test_flooding_is_rate_limited(client, thread, member, monkeypatch):
    import django_ratelimit.core

    # One fixed moment: the limit's one-minute window cannot roll over on a slow machine.
    monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: 1_800_000_030.0)
    client.force_login(member)
    statuses = [client.post(thread_url(thread), {"body": f"Wpis {n}"}).status_code for n in range(12)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert thread.posts.count() == 11
    response = client.post(thread_url(thread), {"body": "Wpis"})
    assert "posting too fast" in response.content.decode()


def test_attachments_only_from_the_groups_collection(thread, member, group):
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    own = Document.objects.create(title="Plan", collection=space_of(group).collection)
    foreign = Document.objects.create(title="Obcy", collection=Collection.get_first_root_node())
    post = discussions.reply(member, thread, "Z załącznikiem", [own])
    assert list(post.attachments.all()) == [own]
    with pytest.raises(discussions.DiscussionError):
        discussions.reply(member, thread, "Z obcym", [foreign])
    assert thread.posts.count() == 2


def test_members_only_documents_are_never_listed_to_readers_outside_the_group(client, group, coordinator, member,
                                                                               outsider):
    """#17 item 10: a coordinator could attach a members-only document to a thread every signed-in
    member reads, which listed its title to all of them."""
    from wagtail.documents.models import Document

    space = space_of(group)
    secret = Document.objects.create(title="Tajny protokół", collection=ensure_members_collection(space, group.title))
    open_thread = discussions.start_thread(coordinator, group, "Otwarty", "Dla wszystkich",
                                           visibility=Thread.Visibility.REGISTERED)
    with pytest.raises(discussions.DiscussionError, match="Members-only documents"):
        discussions.start_thread(coordinator, group, "Otwarty 2", "Treść", [secret],
                                 visibility=Thread.Visibility.REGISTERED)
    with pytest.raises(discussions.DiscussionError, match="Members-only documents"):
        discussions.reply(coordinator, open_thread, "Załącznik", [secret])
    closed = discussions.start_thread(coordinator, group, "Zamknięty", "Tylko członkowie", [secret])
    with pytest.raises(discussions.DiscussionError, match="Members-only documents"):
        discussions.set_flags(coordinator, closed, visibility=Thread.Visibility.REGISTERED)
    # Attached before this rule (or a thread moved to another group): still never listed to outsiders.
    open_thread.posts.first().attachments.add(secret)
    client.force_login(outsider)
    html = client.get(thread_url(open_thread)).content.decode()
    assert "Dla wszystkich" in html and "Tajny protokół" not in html
    client.force_login(member)
    assert "Tajny protokół" in client.get(thread_url(open_thread)).content.decode()


# --- escaping ----------------------------------------------------------------------------------


def test_hostile_text_is_escaped(client, group, member):
    hostile = ('<script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" '
               "\u202eexe.pdf\n\nsee https://example.org/a?b=1&c=2")
    thread = discussions.start_thread(member, group, "<b>tytuł</b>\u202e", hostile)
    client.force_login(member)
    html = client.get(thread_url(thread)).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b&gt;tytuł&lt;/b&gt;" in html
    assert "\u202e" not in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">' in html


# --- follow, mute, e-mails ---------------------------------------------------------------------


def test_each_reply_is_mailed_to_followers_in_their_language(thread, coordinator, member,
                                                             django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(member, thread, "Odpowiedź <b>członka</b>")
    assert [message.to for message in mail.outbox] == [[coordinator.email]]  # not the author
    message = mail.outbox[0]
    assert "Нова відповідь" in message.subject  # the coordinator reads Ukrainian
    assert f"http://testserver/uk/discussions/{thread.pk}/" in message.body
    assert "Odpowiedź <b>członka</b>" in message.body  # plain text, not HTML-escaped


def test_muted_and_daily_followers_get_no_per_reply_mail(thread, coordinator, member, user_factory,
                                                        django_capture_on_commit_callbacks):
    discussions.subscribe(coordinator, thread, Mode.MUTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(member, thread, "Nikt nie dostanie e-maila")
    assert mail.outbox == []


def test_people_who_left_the_group_are_not_mailed(thread, coordinator, member, django_capture_on_commit_callbacks):
    discussions.reply(member, thread, "Jestem")
    leave(member, thread.group)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply(coordinator, thread, "Czy ktoś jest?")
    assert mail.outbox == []


def test_daily_summary_once_with_new_posts_only(thread, coordinator, member):
    discussions.subscribe(coordinator, thread, Mode.DAILY)
    discussions.reply(member, thread, "Pierwsza odpowiedź")
    discussions.reply(member, thread, "Druga odpowiedź")
    discussions.reply(coordinator, thread, "Moja własna")
    mail.outbox.clear()
    assert send_daily_summaries() == 1
    body = mail.outbox[0].body
    assert "Pierwsza odpowiedź" in body and "Druga odpowiedź" in body and "Moja własna" not in body
    assert send_daily_summaries() == 0  # nothing new: nothing sent twice
    discussions.reply(member, thread, "Trzecia")
    assert send_daily_summaries(timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert "Trzecia" in mail.outbox[-1].body and "Pierwsza" not in mail.outbox[-1].body


def test_daily_summary_skips_hidden_posts(thread, coordinator, member):
    discussions.subscribe(member, thread, Mode.DAILY)
    post = discussions.reply(coordinator, thread, "Niegrzeczny wpis")
    discussions.hide(coordinator, post, "Spam")
    mail.outbox.clear()
    assert send_daily_summaries() == 0


def test_subscription_form_changes_mode(client, thread, member):
    client.force_login(member)
    client.post(reverse("community:subscribe", args=[thread.pk]), {"mode": "daily"})
    assert ThreadSubscription.objects.get(user=member, thread=thread).mode == Mode.DAILY
    client.post(reverse("community:subscribe", args=[thread.pk]), {"mode": "bogus"})
    assert ThreadSubscription.objects.get(user=member, thread=thread).mode == Mode.DAILY


# --- moderation --------------------------------------------------------------------------------


def test_coordinator_hides_post_with_reason_audited(client, thread, coordinator, member):
    post = discussions.reply(member, thread, "Reklama butów")
    client.force_login(coordinator)
    client.post(reverse("community:hide_post", args=[post.pk]), {"reason": "Reklama"})
    post.refresh_from_db()
    assert post.hidden and post.hidden_reason == "Reklama" and post.hidden_by == coordinator
    entry = ModelLogEntry.objects.get(action="razem.post_hidden", object_id=str(post.pk))
    assert entry.data == {"reason": "Reklama"} and entry.user_id == coordinator.pk
    client.force_login(member)
    html = client.get(thread_url(thread)).content.decode()
    assert "Reklama butów" not in html and "hidden by the coordinators" in html


def test_members_cannot_moderate(client, thread, member):
    post = thread.posts.get()
    client.force_login(member)
    client.post(reverse("community:hide_post", args=[post.pk]), {"reason": "Nie lubię"})
    client.post(reverse("community:moderate", args=[thread.pk]), {"action": "pin"})
    post.refresh_from_db()
    thread.refresh_from_db()
    assert not post.hidden and not thread.pinned


def test_pin_orders_threads_first(group, coordinator):
    old = discussions.start_thread(coordinator, group, "Stary", "a")
    discussions.start_thread(coordinator, group, "Nowy", "b")
    discussions.set_flags(coordinator, old, pinned=True)
    assert list(Thread.objects.filter(group=group).values_list("title", flat=True)) == ["Stary", "Nowy"]


def test_move_only_between_groups_one_coordinates(client, thread, coordinator, other_group, user_factory):
    with pytest.raises(discussions.DiscussionError):
        discussions.move(coordinator, thread, other_group)
    appoint_coordinator(coordinator, other_group)
    client.force_login(coordinator)
    client.post(reverse("community:moderate", args=[thread.pk]), {"action": "move", "target": other_group.pk})
    thread.refresh_from_db()
    assert thread.group_id == other_group.pk


def test_reports_once_per_reader_and_in_admin_for_coordinators(client, thread, member, coordinator, outsider):
    post = thread.posts.get()
    client.force_login(member)
    client.post(reverse("community:report_post", args=[post.pk]), {"reason": "Nieprawda"})
    client.post(reverse("community:report_post", args=[post.pk]), {"reason": "Nieprawda"})
    assert Report.objects.filter(post=post).count() == 1
    client.force_login(outsider)  # cannot read the members-only thread: cannot report it either
    assert client.post(reverse("community:report_post", args=[post.pk]), {"reason": "x"}).status_code == 404
    client.force_login(coordinator)
    response = client.get(reverse("community_reports:index"))
    assert response.status_code == 200 and "Nieprawda" in response.content.decode()


def test_reports_of_other_groups_are_not_shown_to_a_coordinator(client, thread, member, other_group, user_factory):
    post = thread.posts.get()
    discussions.report(member, post, "Spam")
    other = user_factory()
    appoint_coordinator(other, other_group)
    client.force_login(other)
    response = client.get(reverse("community_reports:index"))
    assert response.status_code == 200 and "Spam" not in response.content.decode()
    report = Report.objects.get()
    assert client.get(reverse("community_reports:edit", args=[report.pk])).status_code in (302, 403)


# --- digests and query counts ------------------------------------------------------------------


def test_digest_items_carry_the_audience(thread, coordinator, group):
    open_thread = discussions.start_thread(coordinator, group, "Dla wszystkich", "tekst",
                                           visibility=Thread.Visibility.REGISTERED)
    items = {item.key: item for item in digest_items(timezone.now() - datetime.timedelta(hours=1), timezone.now())}
    members_only = items[f"community.thread:{thread.pk}"]
    assert members_only.audience.working_groups == frozenset({group.pk}) and members_only.audience.login
    assert items[f"community.thread:{open_thread.pk}"].audience.working_groups == frozenset()


# The discussions' own queries on a thread page: secretariat check, thread, membership, locale, count,
# posts, attachments, subscription, documents; the rest is the site's frame (header, menu, footer).
THREAD_QUERIES = 12


def test_thread_page_queries_do_not_grow_with_posts(client, thread, member, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    frame = frame_queries(client, home_page)
    client.force_login(member)
    counts = []
    for size in (1, 30):
        while thread.posts.count() < size:
            discussions.reply(member, thread, f"Wpis https://example.org/{thread.posts.count()}")
        client.get(thread_url(thread))  # both pages once: cross-request cached values (home.frame) filled
        client.get(reverse("community:group_threads", args=[thread.group.pk]))
        with CaptureQueriesContext(connection) as pages:
            assert client.get(thread_url(thread)).status_code == 200
            assert client.get(reverse("community:group_threads", args=[thread.group.pk])).status_code == 200
        counts.append(len(pages.captured_queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 2 * (frame + THREAD_QUERIES)
