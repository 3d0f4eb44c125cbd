"""The member's first hour: language kept through sign-in, a next step, the account menu,
allauth's e-mails in the Forum's voice, and the data export that tells when it is ready."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from accounts.factories import LegalPageFactory
from accounts.models import DataExport, LegalPage
from accounts.start import reader_language
from accounts.tasks import build_export
from directory.factories import DirectoryIndexPageFactory, MembershipFactory, OrganisationPageFactory
from directory.models import Registration
from directory.registration import ensure_registration_workflow
from groups.factories import GroupIndexPageFactory, MeetingPageFactory, WorkingGroupPageFactory
from groups.models import GroupMembership, MeetingRegistration
from home.factories import PASSWORD

pytestmark = pytest.mark.django_db


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.fixture
def directory(home_pages):
    ensure_registration_workflow()
    return DirectoryIndexPageFactory(parent=home_pages["pl"])


def log_in(client, user, language):
    return client.post(url("account_login", language), {"login": user.email, "password": PASSWORD})


def test_log_in_keeps_the_language_used_and_leads_to_the_next_step(client, home_pages, user_factory):
    user = user_factory(language="pl")
    response = log_in(client, user, "uk")
    assert response.status_code == 302
    assert response["Location"] == "/uk/start/"  # not "/" (LOGIN_REDIRECT_URL), where the browser would decide
    page = client.get("/uk/start/")
    html = page.content.decode()
    assert '<html lang="uk">' in html
    assert "Зареєструйте свою організацію" in html and url("directory:register", "uk") in html
    assert url("accounts:profile", "uk") in html


def test_a_member_with_an_organisation_goes_to_it(client, directory, user_factory):
    user = user_factory()
    MembershipFactory(organisation=OrganisationPageFactory(parent=directory), user=user)
    assert log_in(client, user, "en")["Location"] == "/en/organisations/mine/"


def test_next_step_falls_back_to_the_profile_language(rf, user_factory):
    user = user_factory(language="uk")
    assert reader_language(rf.get("/accounts/login/"), user) == "uk"
    assert reader_language(rf.get("/en/accounts/login/"), user) == "en"


def test_sign_up_e_mail_speaks_for_the_forum_in_the_language_used(client, home_pages, settings):
    settings.DEFAULT_FROM_EMAIL = "Forum Razem <sekretariat@forum-razem.pl>"
    response = client.post(url("account_signup", "uk"), {
        "email": "olena@example.org", "password1": "Kyiv-Warszawa-2026!", "password2": "Kyiv-Warszawa-2026!",
        "accept_terms": "on"})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.from_email == "Forum Razem <sekretariat@forum-razem.pl>"
    assert message.subject == "[Forum Razem] Ласкаво просимо до Форуму «Разом»: підтвердьте свою адресу електронної пошти"
    assert "Секретаріат Форуму «Разом»" in message.body
    for stock in ("example.com", "127.0.0.1", "Hello from", "testserver!"):
        assert stock not in message.body
    link = re.search(r"https?://\S+/confirm-email/\S+", message.body).group(0)
    assert "/uk/accounts/confirm-email/" in link

    # Confirming logs in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION) and lands on the Ukrainian next step.
    confirmed = client.post(link.split("testserver", 1)[1])
    assert confirmed["Location"] == "/uk/start/"


@pytest.mark.parametrize("language, words", [("pl", "Dzień dobry"), ("en", "Hello,")])
def test_password_reset_e_mail_in_the_person_s_language(client, home_pages, user_factory, language, words):
    user = user_factory(language=language)
    client.post(url("account_reset_password", "uk"), {"email": user.email})
    message = mail.outbox[-1]
    assert words in message.body and message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "example.com" not in message.body


def test_sign_up_links_the_terms_and_the_privacy_policy(client, home_pages, fresh_cache):
    LegalPageFactory(parent=home_pages["pl"], slug="regulamin", title="Regulamin")
    LegalPageFactory(parent=home_pages["pl"], slug="polityka-prywatnosci", title="Polityka prywatności",
                     kind=LegalPage.Kind.PRIVACY)
    html = client.get(url("account_signup", "pl")).content.decode()
    assert 'href="/pl/regulamin/"' in html and 'href="/pl/polityka-prywatnosci/"' in html


def test_account_menu_shows_the_pending_registration_and_every_personal_page(client, directory, user_factory):
    user = user_factory()
    organisation = OrganisationPageFactory(parent=directory, title="Fundacja Świetlik", live=False)
    registration = Registration.objects.create(organisation=organisation, user=user)
    client.force_login(user)
    html = client.get("/uk/start/").content.decode()
    menu = html[html.index("data-account-menu"):html.index("</details>", html.index("data-account-menu"))]
    for name in ("directory:mine", "groups:mine", "groups:my_meetings", "digests:preferences", "accounts:privacy"):
        assert f'href="{url(name, "uk")}' in menu, name
    assert "Fundacja Świetlik" in menu and f"#registration-{registration.pk}" in menu
    with translation.override("uk"):
        assert str(registration.get_status_display()) in menu


def _account_menu(client):
    html = client.get("/en/start/").content.decode()
    return html[html.index("data-account-menu"):html.index("</details>", html.index("data-account-menu"))]


def test_account_menu_kept_across_requests_follows_every_registration_write(client, settings, directory,
                                                                             user_factory):
    """The menu's registrations are kept per person (directory.start): a save, a bulk update, an
    organisation deleted with its registration and a new registration each show on the next request."""
    settings.FRAME_CACHE = True
    user = user_factory()
    organisation = OrganisationPageFactory(parent=directory, title="Fundacja Świetlik", live=False)
    registration = Registration.objects.create(organisation=organisation, user=user)
    client.force_login(user)
    assert "waiting for moderation" in _account_menu(client)
    registration.status = Registration.CHANGES_REQUESTED
    registration.save()
    assert "changes requested" in _account_menu(client)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.APPROVED)
    assert "Fundacja Świetlik" not in _account_menu(client)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.REJECTED)
    assert "rejected" in _account_menu(client)
    organisation.delete()
    assert "Fundacja" not in _account_menu(client)
    other = OrganisationPageFactory(parent=directory, title="Stowarzyszenie Most", live=False)
    Registration.objects.bulk_create([Registration(organisation=other, user=user)])
    menu = _account_menu(client)
    assert "Stowarzyszenie Most" in menu and "waiting for moderation" in menu
    client.force_login(user_factory())  # another person's menu is their own
    assert "Stowarzyszenie Most" not in _account_menu(client)


def test_profile_form_saves_name_and_language(client, home_pages, user_factory):
    user = user_factory(first_name="", last_name="")
    client.force_login(user)
    response = client.post(url("accounts:profile", "en"), {"first_name": "Olena", "last_name": "K", "language": "uk"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.language) == ("Olena", "uk")
    response = client.post(url("accounts:profile", "en"), {"first_name": "Olena", "last_name": "K", "language": "xx"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_export_status_and_ready_e_mail(client, home_pages, user_factory):
    user, other = user_factory(language="uk"), user_factory()
    export = DataExport.objects.create(user=user, token="t" * 20)
    client.force_login(user)
    status = url("accounts:export_status", "pl", export.token)
    assert client.get(status).json() == {"status": "pending"}
    page = client.get(url("accounts:privacy", "pl")).content.decode()
    assert f'data-export-pending="{status}"' in page and "accounts/export.js" in page
    build_export(export.pk)
    assert client.get(status).json() == {"status": "ready"}
    message = mail.outbox[-1]
    assert message.to == [user.email] and "/uk/privacy/" in message.body and "Ваші дані" in message.subject
    client.force_login(other)
    assert client.get(status).status_code == 404  # only its owner learns about it


def test_my_groups_and_my_meetings(client, home_pages, user_factory):
    user = user_factory()
    group = WorkingGroupPageFactory(parent=GroupIndexPageFactory(parent=home_pages["pl"]), title="Edukacja")
    GroupMembership.objects.create(group=group, user=user, status=GroupMembership.Status.ACTIVE)
    meeting = MeetingPageFactory(parent=group, title="Spotkanie grudniowe")
    MeetingRegistration.objects.create(meeting=meeting, user=user, status=MeetingRegistration.Status.CONFIRMED,
                                       registered_at=timezone.now())
    client.force_login(user)
    assert "Edukacja" in client.get(url("groups:mine", "en")).content.decode()
    assert "Spotkanie grudniowe" in client.get(url("groups:my_meetings", "en")).content.decode()
    client.force_login(user_factory())
    assert "Spotkanie grudniowe" not in client.get(url("groups:my_meetings", "en")).content.decode()
