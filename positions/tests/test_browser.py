"""A position's life in real Chromium: consultation -> new version -> co-signing -> export.

A member comments on a paragraph, the group's coordinator answers, a new version is published
(its changes are readable), the manager signs for the organisation, the Secretariat downloads the
signatories (CSV) and opens the printable annex. Every page of the journey is then walked at 390 px
and 1280 px in pl, uk and en: no horizontal scrolling, no serious accessibility violation.
Set BROWSER_SCREENSHOTS=/some/folder to keep a screenshot of each step and size.
"""

import csv
import io
import os

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.keys import keyed
from accounts.roles import SECRETARIAT_KEY
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Membership
from groups.factories import GroupIndexPageFactory, WorkingGroupPageFactory
from groups.membership import appoint_coordinator
from home.translation import ensure_translation
from positions.factories import (
    PositionIndexPageFactory,
    PositionPageFactory,
    in_consultation,
    open_for_signature,
    publish,
)
from positions.factories import paragraphs as with_ids
from positions.models import Comment, PositionPage, Signature
from positions.workflow import attach

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("BROWSER_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"positions-{name}.png"), full_page=True)


def build(home_pages, user_factory):
    """Group G with its coordinator, organisations A (member, manager) and B, the Secretariat, the
    positions index and G's position in consultation, each in pl, uk and en."""
    from types import SimpleNamespace

    from django.contrib.auth.models import Group

    from wagtail.models import Locale

    w = SimpleNamespace()
    directory = DirectoryIndexPageFactory(parent=home_pages["pl"])
    w.org = OrganisationPageFactory(parent=directory, title="Fundacja Ocalenie", slug="ocalenie")
    w.member = user_factory(email="member@example.org", first_name="Maria", last_name="Członkini", language="pl")
    w.manager = user_factory(email="manager@example.org", first_name="Marek", last_name="Menedżer", language="pl")
    w.coordinator = user_factory(email="coordinator@example.org", first_name="Olena", last_name="Koordynatorka")
    w.secretariat = user_factory(email="sekretariat@example.org", language="pl")
    w.secretariat.groups.set([keyed(Group, SECRETARIAT_KEY)])
    MembershipFactory(organisation=w.org, user=w.member, role=Membership.MEMBER)
    MembershipFactory(organisation=w.org, user=w.manager, role=Membership.MANAGER)
    groups = GroupIndexPageFactory(parent=home_pages["pl"])
    w.group = WorkingGroupPageFactory(parent=groups, title="Edukacja", slug="edukacja")
    appoint_coordinator(w.coordinator, w.group)
    w.index = PositionIndexPageFactory(parent=home_pages["pl"])
    attach(w.index)
    for code, title in (("uk", "Позиції Форуму"), ("en", "Forum positions")):
        ensure_translation(groups, code, title=f"Groups {code}")
        ensure_translation(w.group, code, title=f"Education {code}")
        ensure_translation(w.index, code, title=title)
    w.position = in_consultation(PositionPageFactory(
        parent=w.group, slug="edukacja-dzieci", title="Stanowisko w sprawie edukacji dzieci z Ukrainy",
        addressee="Ministerstwo Edukacji", reference="UD112"))
    paragraphs = w.position.paragraphs()
    for code, title in (("uk", "Позиція щодо освіти дітей з України"), ("en", "Position on the education of children")):
        translated = w.position.copy_for_translation(Locale.objects.get(language_code=code)).specific
        translated.title = title
        translated.text = with_ids([(pid, f"[{code}] {text}") for pid, text in paragraphs])
        translated.save_revision().publish()
    return w


def test_consultation_new_version_cosigning_export(browser_page, log_in, home_pages, user_factory,
                                                   assert_accessible, django_user_model):
    w = build(home_pages, user_factory)
    page = browser_page
    second = w.position.paragraphs()[1][0]

    # 1. Consultation: the member comments on the second paragraph, for organisation A.
    log_in(page, w.member)
    page.goto(w.position.url)
    paragraph = page.locator(f"#p-{second}")
    paragraph.locator("summary").click()
    paragraph.get_by_label("Twoja uwaga").fill("Proponujemy obniżyć próg do ośmiorga dzieci.")
    paragraph.get_by_role("button", name="Wyślij uwagę").click()
    page.wait_for_load_state()
    comment = Comment.objects.get()
    assert page.locator(f"#comment-{comment.pk}").inner_text().count("Fundacja Ocalenie") == 1
    assert "Maria Członkini" in page.locator(f"#comment-{comment.pk}").inner_text()
    shot(page, "1-comment")
    assert_accessible(page)

    # The public sees the text, never the comments.
    page.context.clear_cookies()
    page.goto(w.position.url)
    assert "obniżyć próg" not in page.content()

    # 2. The coordinator answers: partly accepted, with a reason.
    log_in(page, w.coordinator)
    page.goto(w.position.url)
    item = page.locator(f"#comment-{comment.pk}")
    item.locator("summary").click()
    item.get_by_label("Częściowo przyjęta").check()
    item.get_by_label("Powód").fill("Obniżamy próg do ośmiorga dzieci w małych szkołach.")
    item.get_by_role("button", name="Zapisz odpowiedź").click()
    page.wait_for_load_state()
    comment.refresh_from_db()
    assert comment.decision == Comment.Decision.PARTLY
    assert "Obniżamy próg" in page.locator(f"#comment-{comment.pk}").inner_text()
    shot(page, "2-answer")

    # 3. A new version (approved by the Secretariat in the workflow), and what changed in it.
    position = PositionPage.objects.get(pk=w.position.pk)
    texts = position.paragraphs()
    position.text = with_ids([texts[0], (texts[1][0], texts[1][1].replace("dodatkowe środki", "stałe środki")),
                              texts[2]])
    publish(position, w.secretariat)
    page.goto(w.position.url)
    page.get_by_role("link", name="Co się zmieniło").click()
    page.wait_for_load_state()
    assert page.locator("ins").first.inner_text().strip() == "stałe"
    assert page.locator("del").first.inner_text().strip() == "dodatkowe"
    shot(page, "3-changes")
    assert_accessible(page)

    # 4. Co-signing: the manager signs for organisation A; the public sees A, not the manager.
    open_for_signature(PositionPage.objects.get(pk=w.position.pk), user=w.secretariat)
    log_in(page, w.manager)
    page.goto(w.position.url)
    page.get_by_role("button", name="Podpisz stanowisko").click()
    page.wait_for_load_state()
    assert Signature.objects.filter(organisation=w.org, signed_by=w.manager).count() == 1
    assert page.locator("[data-signature-count]").inner_text() == "1"
    shot(page, "4-signed")
    assert_accessible(page)
    page.context.clear_cookies()
    page.goto(w.position.url)
    assert "Fundacja Ocalenie" in page.locator("#signatures").locator("..").inner_text()
    assert "Menedżer" not in page.content()

    # 5. Export: the Secretariat downloads the CSV and opens the printable annex.
    log_in(page, w.secretariat)
    page.goto(w.position.url)
    assert "Menedżer" in page.content()  # only the Secretariat sees who signed
    with page.expect_download() as download:
        page.get_by_role("link", name="Sygnatariusze (CSV)").click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    assert rows[1][0] == "#org+name" and rows[2][0] == "Fundacja Ocalenie"
    page.get_by_role("link", name="Załącznik: lista sygnatariuszy (do druku)").click()
    page.wait_for_load_state()
    assert "Fundacja Ocalenie" in page.locator("table").inner_text()
    shot(page, "5-annex")
    assert_accessible(page)

    # 6. Every page of the journey at 390 px and 1280 px in pl, uk and en, as each role concerned: the member
    # (comments), the manager (the signing box), the coordinator (answer forms, exports), the Secretariat
    # (who signed), and the public. The translations follow the Polish page's phase.
    urls = {"index": w.index.url, "position": w.position.url,
            "changes": reverse("positions:changes", args=[w.position.pk])}
    for code in ("uk", "en"):
        translated = PositionPage.objects.get(translation_key=w.position.translation_key, locale__language_code=code)
        assert translated.status() == "signing"
        urls[f"position-{code}"] = translated.url
        urls[f"index-{code}"] = w.index.get_translation(translated.locale).url
        with translation.override(code):
            urls[f"changes-{code}"] = reverse("positions:changes", args=[translated.pk])
    roles = {"member": w.member, "manager": w.manager, "coordinator": w.coordinator, "secretariat": w.secretariat,
             "public": None}
    for role, user in roles.items():
        page.context.clear_cookies()
        if user is not None:
            log_in(page, user)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in urls.items():
                if role != "member" and name.startswith(("index", "changes")):
                    continue  # the same for every reader: walked once
                page.goto(url)
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), \
                    f"{name} at {width}px as {role}"
                shot(page, f"6-{role}-{name}-{width}")
                assert_accessible(page)
    page.goto(urls["position-en"])
    assert "The Polish text is the authoritative one" in page.content()
