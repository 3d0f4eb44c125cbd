"""“We want to replicate this”: an organisation records its interest, the author is told and answers,
and the interested organisation may post a pre-filled need (only with its consent)."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import SupportItem
from innovations.interests import InterestError, record_interest
from innovations.models import ReplicationInterest

pytestmark = pytest.mark.django_db


def interest_data(world, **extra):
    data = {"organisation": world.org_b.pk, "reason": "Chcemy uruchomić klub w Lublinie dla 30 kobiet.",
            "timeframe": "6-months"}
    data.update(extra)
    return data


def express(client, world, **extra):
    return client.post(reverse("innovations:express_interest", args=[world.innovation.pk]),
                       interest_data(world, **extra))


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = express(client, world)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ReplicationInterest.objects.exists()


@pytest.mark.parametrize("person", ["member_b", "manager_b"])
def test_a_member_records_the_interest_and_the_author_is_told(client, world, person,
                                                             django_capture_on_commit_callbacks):
    user = getattr(world, person)
    client.force_login(user)
    page = client.get(world.innovation.url).content.decode()
    assert "Chcemy to powtórzyć" in page and reverse("innovations:express_interest", args=[world.innovation.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = express(client, world)
    interest = ReplicationInterest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("innovations:interest", args=[interest.pk])
    assert (interest.organisation, interest.user, interest.timeframe) == (world.org_b, user, "6-months")
    assert interest.innovation.pk == world.innovation.pk
    # The author organisation's manager is told, in their language (Ukrainian), with the link.
    [message] = mail.outbox
    assert message.to == [world.manager_a.email]
    assert "хоче відтворити" in message.body and f"/innovations/interests/{interest.pk}/" in message.body
    assert "Chcemy uruchomić klub w Lublinie" in message.body


def test_twice_for_the_same_organisation_is_refused_and_nothing_more_is_saved(client, world):
    client.force_login(world.member_b)
    express(client, world)
    response = express(client, world, reason="Jeszcze raz")
    assert response.status_code == 302
    assert ReplicationInterest.objects.count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("już zgłosiła zainteresowanie" in m for m in messages)


def test_for_an_organisation_one_does_not_belong_to_is_refused(client, world):
    client.force_login(world.member_b)
    response = express(client, world, organisation=world.org_a.pk)  # the author's, not theirs
    assert response.status_code == 400
    assert "Możesz działać tylko w imieniu organizacji, do której należysz." in response.content.decode()
    client.force_login(world.outsider)
    assert express(client, world).status_code == 400
    assert not ReplicationInterest.objects.exists()


def test_the_author_organisation_cannot_record_interest_in_its_own_innovation(client, world):
    with pytest.raises(InterestError):
        record_interest(world.member_a, world.innovation, world.org_a, "x", "later")
    assert not ReplicationInterest.objects.exists()


@pytest.mark.parametrize("bad", [{"reason": ""}, {"reason": "\u202e \u202d"}, {"reason": "x" * 2001},
                                 {"timeframe": "yesterday"}, {"reason": "a\x00b"}])
def test_bad_input_is_refused_clearly_and_nothing_is_saved(client, world, bad):
    client.force_login(world.member_b)
    response = express(client, world, **bad)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not ReplicationInterest.objects.exists()


def test_hostile_text_is_kept_as_text_and_escaped_everywhere(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.member_b)
    with django_capture_on_commit_callbacks(execute=True):
        express(client, world, reason="<script>alert('x')</script> =HYPERLINK(\"http://evil\")")
    interest = ReplicationInterest.objects.get()
    html = client.get(reverse("innovations:interest", args=[interest.pk])).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_interest_is_seen_by_both_organisations_and_the_secretariat_only(client, world):
    client.force_login(world.member_b)
    express(client, world)
    url = reverse("innovations:interest", args=[ReplicationInterest.objects.get().pk])
    for person, status in [("member_a", 200), ("manager_a", 200), ("member_b", 200), ("secretary", 200),
                           ("outsider", 403)]:
        client.force_login(getattr(world, person))
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302


def test_the_author_answers_once_and_the_interested_organisation_is_told(client, world,
                                                                        django_capture_on_commit_callbacks):
    client.force_login(world.member_b)
    express(client, world)
    interest = ReplicationInterest.objects.get()
    answer_url = reverse("innovations:answer", args=[interest.pk])
    # The interested organisation and outsiders cannot answer.
    client.post(answer_url, {"answer": "Sami sobie odpowiadamy"})
    client.force_login(world.outsider)
    assert client.post(answer_url, {"answer": "Ja też"}).status_code == 403
    interest.refresh_from_db()
    assert interest.answered_at is None
    mail.outbox.clear()
    client.force_login(world.member_a)
    assert client.post(answer_url, {"answer": ""}).status_code == 302  # refused: empty
    interest.refresh_from_db()
    assert interest.answered_at is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer_url, {"answer": "Zapraszamy na wizytę studyjną w Krakowie."})
    interest.refresh_from_db()
    assert interest.answer == "Zapraszamy na wizytę studyjną w Krakowie." and interest.answered_by == world.member_a
    assert sorted(m.to[0] for m in mail.outbox) == [world.manager_b.email, world.member_b.email]
    assert "wizytę studyjną" in mail.outbox[0].body
    client.post(answer_url, {"answer": "Druga odpowiedź"})
    interest.refresh_from_db()
    assert interest.answer == "Zapraszamy na wizytę studyjną w Krakowie."


def test_the_pre_filled_need_is_created_only_when_the_organisation_posts_it(client, world, settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    client.force_login(world.member_b)
    express(client, world)
    interest = ReplicationInterest.objects.get()
    need_url = reverse("innovations:need", args=[interest.pk])
    response = client.get(need_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Powtórzenie „Klub pracy dla kobiet”" in html and "Chcemy uruchomić klub w Lublinie" in html
    assert not SupportItem.objects.exists()  # showing the form creates nothing
    # Others cannot post it.
    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if not isinstance(value, list)}
    data.update({"sectors": form.initial["sectors"], "target_groups": form.initial["target_groups"],
                 "regions": form.initial["regions"]})
    data["nationwide"] = ""
    for person in ("member_a", "outsider"):
        client.force_login(getattr(world, person))
        assert client.post(need_url, data).status_code == 403
    assert not SupportItem.objects.exists()
    client.force_login(world.manager_b)
    response = client.post(need_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    need = SupportItem.objects.get()
    assert (need.kind, need.organisation, need.support_type.code) == ("need", world.org_b, "knowledge")
    assert sorted(term.code for term in need.regions.all()) == ["lubelskie"]
    assert response["Location"] == reverse("directory:item", args=[need.pk])
    interest.refresh_from_db()
    assert interest.need == need
    # Twice: the second is refused, nothing more created.
    assert client.post(need_url, data).status_code == 302
    assert SupportItem.objects.count() == 1


def test_bad_need_input_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.member_b)
    express(client, world)
    interest = ReplicationInterest.objects.get()
    response = client.post(reverse("innovations:need", args=[interest.pk]),
                           {"kind": "need", "support_type": "knowledge", "title": "", "regions": ["lubelskie"]})
    assert response.status_code == 400
    assert not SupportItem.objects.exists()
    interest.refresh_from_db()
    assert interest.need is None
