"""Consultation: comments on paragraphs by members, answers by owners, versions and their diff."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from home.translation import ensure_translation
from positions.actions import Refused, add_comment, answer_comment
from positions.factories import open_for_signature, publish
from positions.models import Comment, PositionPage, PositionVersion
from positions.versions import paragraph_diff

pytestmark = pytest.mark.django_db


def first_paragraph(position):
    return position.paragraphs()[0][0]


def post_comment(client, position, user, text="Proponuję dopisać szkoły branżowe.", **extra):
    if user is not None:
        client.force_login(user)
    data = {"paragraph": first_paragraph(position), "text": text, **extra}
    return client.post(reverse("positions:comment", args=[position.pk]), data)


def test_a_member_comments_on_a_paragraph_for_their_organisation(client, world, group_position):
    response = post_comment(client, group_position, world.member, organisation=world.org.pk)
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#comment-{comment.pk}")
    assert (comment.author, comment.organisation, comment.version.number) == (world.member, world.org, 1)
    assert comment.paragraph == first_paragraph(group_position)
    page = client.get(group_position.url).content.decode()
    assert "Proponuję dopisać szkoły branżowe." in page
    assert "Maria Członkini" in page and "Fundacja Ocalenie" in page


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_the_public_and_people_outside_member_organisations_see_no_comments(client, world, group_position,
                                                                             user_factory, role):
    add_comment(world.member, group_position, first_paragraph(group_position), "Tajna uwaga członków", world.org.pk)
    if role == "outsider":
        client.force_login(user_factory(email="outsider@example.org"))
    page = client.get(group_position.url).content.decode()
    assert "Tajna uwaga członków" not in page and "Maria" not in page
    assert "Edukacja dzieci z Ukrainy" in page  # the text itself is public


@pytest.mark.parametrize("role", ["coordinator", "secretariat", "manager"])
def test_owners_and_other_members_read_every_comment(client, world, group_position, role):
    add_comment(world.member, group_position, first_paragraph(group_position), "Uwaga do akapitu", world.org.pk)
    client.force_login(getattr(world, role))
    assert "Uwaga do akapitu" in client.get(group_position.url).content.decode()


def test_anonymous_comment_goes_to_log_in_and_saves_nothing(client, world, group_position):
    response = post_comment(client, group_position, None, organisation=world.org.pk)
    assert response.status_code == 302 and "login" in response.url
    assert not Comment.objects.exists()


def test_a_closed_consultation_refuses_comments(client, world, group_position):
    group_position.consultation_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    publish(group_position)
    response = post_comment(client, group_position, world.member, organisation=world.org.pk)
    assert response.status_code == 302
    assert not Comment.objects.exists()
    page = client.get(response.url).content.decode()
    assert "The consultation of this position is closed." in page or "Konsultacje tego stanowiska" in page


def test_refusals_save_nothing(world, group_position, user_factory):
    paragraph = first_paragraph(group_position)
    outsider = user_factory(email="x@example.org")
    with pytest.raises(Refused, match="Only members"):
        add_comment(outsider, group_position, paragraph, "Uwaga", None)
    with pytest.raises(Refused, match="Choose one of your organisations"):
        add_comment(world.member, group_position, paragraph, "Uwaga", world.other_org.pk)
    with pytest.raises(Refused, match="not in the current version"):
        add_comment(world.member, group_position, "no-such-paragraph", "Uwaga", world.org.pk)
    with pytest.raises(Refused, match="under 4000"):
        add_comment(world.member, group_position, paragraph, "x" * 4001, world.org.pk)
    with pytest.raises(Refused, match="Write something"):
        add_comment(world.member, group_position, paragraph, " \x00\u202e ", world.org.pk)
    assert not Comment.objects.exists()


def test_hostile_text_is_cleaned_and_shown_as_text(client, world, group_position):
    hostile = "<script>alert(1)</script>\x00 \u202etxt.exe <img src=x onerror=alert(2)>"
    comment = add_comment(world.member, group_position, first_paragraph(group_position), hostile, world.org.pk)
    assert "\x00" not in comment.text and "\u202e" not in comment.text
    client.force_login(world.member)
    page = client.get(group_position.url).content.decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_owners_answer_with_a_decision_and_reason(client, world, group_position):
    comment = add_comment(world.member, group_position, first_paragraph(group_position), "Uwaga", world.org.pk)
    client.force_login(world.coordinator)
    response = client.post(reverse("positions:answer", args=[comment.pk]),
                           {"decision": "partly", "reason": "Dopisaliśmy szkoły, bez zmian w finansowaniu."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.decision, comment.answered_by) == ("partly", world.coordinator)
    client.force_login(world.member)
    page = client.get(group_position.url).content.decode()
    assert "Dopisaliśmy szkoły" in page


@pytest.mark.parametrize("role", ["member", "manager"])
def test_members_do_not_answer(client, world, group_position, role):
    comment = add_comment(world.member, group_position, first_paragraph(group_position), "Uwaga", world.org.pk)
    client.force_login(getattr(world, role))
    response = client.post(reverse("positions:answer", args=[comment.pk]), {"decision": "accepted"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.decision == "pending"


def test_the_secretariat_answers_any_position(world, group_position):
    comment = add_comment(world.member, group_position, first_paragraph(group_position), "Uwaga", world.org.pk)
    answer_comment(world.secretariat, comment, "accepted", "")
    assert Comment.objects.get().decision == "accepted"


def test_a_rejection_needs_a_reason_and_a_bad_decision_is_refused(world, group_position):
    comment = add_comment(world.member, group_position, first_paragraph(group_position), "Uwaga", world.org.pk)
    with pytest.raises(Refused, match="Write something"):
        answer_comment(world.coordinator, comment, "rejected", "  ")
    with pytest.raises(Refused, match="Choose accepted"):
        answer_comment(world.coordinator, comment, "pending", "powód")
    assert Comment.objects.get().decision == "pending"


def test_each_new_draft_keeps_the_previous_version_and_the_diff_shows_the_change(client, world, group_position):
    paragraphs = group_position.paragraphs()
    comment = add_comment(world.member, group_position, paragraphs[1][0], "Za mało", world.org.pk)
    group_position.text = [("paragraph", paragraphs[0][1]),
                           ("paragraph", paragraphs[1][1].replace("dodatkowe środki", "stałe, dodatkowe środki")),
                           ("paragraph", "Nowy akapit o szkoleniach dla nauczycieli.")]
    publish(group_position)
    assert list(PositionVersion.objects.values_list("number", flat=True)) == [1, 2]
    assert len(PositionVersion.objects.get(number=1).paragraphs) == 3
    publish(group_position)  # nothing changed: no new version
    assert PositionVersion.objects.count() == 2
    response = client.get(reverse("positions:changes", args=[group_position.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<ins>\s*stałe,\s*</ins>", html)
    assert '<li class="removed">' in html and '<li class="added">' in html
    assert "Apelujemy o konsultowanie" in html and "Nowy akapit o szkoleniach" in html
    # The comment stays on its paragraph, marked as made on version 1.
    client.force_login(world.member)
    page = client.get(group_position.url).content.decode()
    with translation.override("pl"):  # the page is Polish
        on_version_1 = gettext("on version %(number)s") % {"number": 1}
    assert f'id="comment-{comment.pk}"' in page and on_version_1 in page


def test_the_diff_of_unknown_versions_is_not_found(client, group_position):
    assert client.get(reverse("positions:changes", args=[group_position.pk])).status_code == 404
    assert client.get(reverse("positions:changes", args=[group_position.pk]) + "?from=9&to=99999999999999999999"
                      ).status_code == 404


def test_paragraph_diff_escapes_and_marks_words():
    rows = paragraph_diff([["a", "Jeden <b>dwa</b> trzy cztery"], ["b", "Usunięty akapit"], ["c", "Bez zmian"]],
                          [["a", "Jeden <b>pięć</b> trzy cztery"], ["c", "Bez zmian"], ["d", "Dodany"]])
    assert [row["change"] for row in rows] == ["changed", "removed", "same", "added"]
    assert "<del>dwa&lt;/b&gt;</del>" in str(rows[0]["html"]) or "<del>" in str(rows[0]["html"])
    assert all("<b>" not in str(row["html"]) for row in rows)


def test_polish_is_authoritative_and_translations_say_so(client, world, group_position):
    group_translation = ensure_translation(world.group, "uk", title="Освіта")
    english = ensure_translation(group_position, "en", title="Education of children from Ukraine")
    assert group_translation
    page = client.get(english.url).content.decode()
    assert "The Polish text is the authoritative one" in page
    assert group_position.url in page
    polish = client.get(group_position.url).content.decode()
    assert "data-authoritative" in polish


def test_translations_follow_the_authoritative_phase_and_deadlines(world, group_position):
    ensure_translation(world.group, "en", title="Education")
    english = ensure_translation(group_position, "en", title="Education of children")
    open_for_signature(PositionPage.objects.get(pk=group_position.pk))
    english.refresh_from_db()
    assert english.status() == "signing"
    english.phase = "draft"  # a translator's stale copy published later still follows the Polish page
    publish(english)
    english.refresh_from_db()
    assert english.status() == "signing"


def test_the_public_reads_the_consultation_summary_only_when_the_owners_publish_it(client, world, group_position):
    group_position.consultation_summary = "<p>Przyjęliśmy 12 z 20 uwag.</p>"
    publish(group_position)
    assert "Przyjęliśmy 12 z 20 uwag." not in client.get(group_position.url).content.decode()
    client.force_login(world.member)
    assert "Przyjęliśmy 12 z 20 uwag." in client.get(group_position.url).content.decode()
    client.logout()
    group_position.show_summary = True
    publish(group_position)
    assert "Przyjęliśmy 12 z 20 uwag." in client.get(group_position.url).content.decode()
