"""RODO: export, erasure, consents and their versions, retention, audit log."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.factories import ConsentRecordFactory, LegalPageFactory
from accounts.models import ConsentRecord, DataExport, User
from accounts.privacy import apply_retention
from accounts.roles import SECRETARIAT
from home.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def member(user_factory, client):
    user = user_factory(first_name="Olena", last_name="Kowalenko")
    client.force_login(user)
    return user


def test_signup_requires_and_records_consent(client, home_page):
    data = {"email": "jan@example.org", "password1": "Ukraina-Polska-2026!", "password2": "Ukraina-Polska-2026!"}
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert "You need to accept the terms to create an account." in response.content.decode()
    assert not User.objects.filter(email="jan@example.org").exists()
    client.post("/en/accounts/signup/", {**data, "accept_terms": "on"})
    user = User.objects.get(email="jan@example.org")
    consents = set(user.consents.values_list("purpose", "method"))
    assert consents == {("terms", "signup-form"), ("privacy", "signup-form")}


def test_export_contains_own_data_and_nothing_of_others(client, member, user_factory):
    ConsentRecordFactory(user=member)
    other = user_factory(email="someone.else@example.org")
    ConsentRecordFactory(user=other)
    client.post("/pl/privacy/export/")
    export = DataExport.objects.get(user=member)
    assert export.status == DataExport.Status.READY  # the task ran synchronously in tests
    response = client.get(f"/pl/privacy/export/{export.token}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode()
    assert member.email in body and "Kowalenko" in body and "Akceptuję regulamin." in body
    assert "someone.else@example.org" not in body
    page = client.get(f"/pl/privacy/export/{export.token}/?format=html")
    assert page.status_code == 200 and "Kowalenko" in page.content.decode()
    assert ModelLogEntry.objects.filter(action="razem.data_export", object_id=str(member.pk)).exists()


def test_export_link_refused_to_others_and_after_expiry(client, member, user_factory):
    client.post("/pl/privacy/export/")
    export = DataExport.objects.get(user=member)
    client.force_login(user_factory())
    assert client.get(f"/pl/privacy/export/{export.token}/").status_code == 404
    client.force_login(member)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(f"/pl/privacy/export/{export.token}/")
    assert response.status_code == 410


def test_repeated_export_requests_are_refused_while_one_is_pending(client, member):
    DataExport.objects.create(user=member, token="pending-token")
    response = client.post("/en/privacy/export/", follow=True)
    assert "still being prepared" in response.content.decode()
    assert DataExport.objects.filter(user=member).count() == 1


def _reauthenticate(client):
    response = client.post("/pl/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302


def test_erasure_requires_reauthentication(client, user_factory):
    user = user_factory()
    client.post("/pl/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/pl/privacy/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]
    user.refresh_from_db()
    assert user.is_active


def test_erasure_anonymises_everything_and_the_site_still_works(client, user_factory, home_page):
    user = user_factory(first_name="Olena", last_name="Kowalenko")
    ConsentRecordFactory(user=user)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    from django.core.files.base import ContentFile
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.avatar.save("olena.png", ContentFile(b"\x89PNG avatar"), save=True)
    avatar = profile.avatar.path
    client.post("/pl/accounts/login/", {"login": user.email, "password": PASSWORD})
    _reauthenticate(client)
    response = client.post("/pl/privacy/delete/", {"confirm": "on"})
    assert response.status_code == 302, response.content
    assert response["Location"] == "/", response["Location"]
    user.refresh_from_db()
    assert user.email == f"erased-{user.pk}@invalid"
    assert (user.first_name, user.last_name, user.is_active, user.has_usable_password()) == ("", "", False, False)
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not user.groups.exists()
    assert not UserProfile.objects.filter(user=user).exists()  # the admin profile, its avatar file too
    import os

    assert not os.path.exists(avatar)
    assert ConsentRecord.objects.filter(user=user).values_list("email", "text").distinct().get() == ("", "")
    assert not ModelLogEntry.objects.filter(label__icontains="Kowalenko").exists()
    assert ModelLogEntry.objects.filter(action="razem.erasure", object_id=str(user.pk)).exists()
    assert client.get("/pl/").status_code == 200
    response = client.post("/pl/accounts/login/", {"login": "olena@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_new_legal_version_asks_for_acceptance_again(client, member, home_page):
    terms = LegalPageFactory(parent=home_page, slug="regulamin", kind="terms", version="1")
    LegalPageFactory(parent=home_page, slug="prywatnosc", kind="privacy", version="1", title="Polityka prywatności")
    for purpose in ("terms", "privacy"):
        ConsentRecordFactory(user=member, purpose=purpose, version="1")
    assert client.get("/pl/").status_code == 200

    terms.version = "2"
    terms.save_revision().publish()
    response = client.get("/pl/")
    assert response.status_code == 302
    assert response["Location"].startswith("/pl/privacy/accept/")
    page = client.get(response["Location"])
    assert "Regulamin" in page.content.decode()
    refused = client.post("/pl/privacy/accept/", {"next": "/pl/"})
    assert refused.status_code == 200
    accepted = client.post("/pl/privacy/accept/", {"next": "/pl/", "accept": "on"})
    assert accepted["Location"] == "/pl/"
    assert member.consents.filter(purpose="terms", version="2", method="re-acceptance").exists()
    assert client.get("/pl/").status_code == 200


def test_accept_page_never_redirects_off_site(client, member, home_page):
    LegalPageFactory(parent=home_page, slug="regulamin", kind="terms", version="3")
    response = client.post("/pl/privacy/accept/", {"next": "https://evil.example/", "accept": "on"})
    assert response["Location"] == "/"


def test_withdrawing_consent_is_one_click(client, member):
    ConsentRecordFactory(user=member, purpose="digests")
    client.post("/pl/privacy/consents/digests/withdraw/")
    assert member.consents.get(purpose="digests").withdrawn_at is not None
    assert client.post("/pl/privacy/consents/terms/withdraw/").status_code == 404


def test_retention_purges_exactly_what_is_due(user_factory):
    old = timezone.now() - datetime.timedelta(days=30)
    stale = User.objects.create(username="stale", email="stale@example.org", date_joined=old)
    EmailAddress.objects.create(user=stale, email=stale.email, verified=False, primary=True)
    fresh = User.objects.create(username="fresh", email="fresh@example.org")
    verified = user_factory()
    User.objects.filter(pk=verified.pk).update(date_joined=old)
    due = DataExport.objects.create(user=verified, token="due", status="ready", content={"x": 1},
                                    expires_at=timezone.now() - datetime.timedelta(hours=1))
    counts = apply_retention()
    assert counts["accounts"] == {"unverified_accounts": 1, "expired_exports": 1}
    assert set(User.objects.values_list("username", flat=True)) >= {"fresh", verified.username}
    assert not User.objects.filter(pk=stale.pk).exists()
    due.refresh_from_db()
    assert (due.status, due.content) == ("expired", None)
    assert fresh.pk


def test_audit_log_records_permission_changes_and_only_admins_and_the_secretariat_see_it(client, user_factory):
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    assert ModelLogEntry.objects.filter(action="razem.permission_change", object_id=str(editor.pk)).exists()
    client.force_login(editor)
    assert "Zmieniono uprawnienia" in client.get("/admin/audit-log/").content.decode()
    client.force_login(user_factory(is_staff=True))
    assert client.get("/admin/audit-log/").status_code in (302, 403)
    admin = user_factory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/audit-log/")
    assert response.status_code == 200
    assert "Zmieniono uprawnienia" in response.content.decode()  # the admin speaks Polish by default
    export = client.get("/admin/audit-log/?export=csv")
    assert export.status_code == 200 and "Zmieniono uprawnienia" in b"".join(export.streaming_content).decode()


def test_secretariat_erases_someone_who_cannot_log_in(client, user_factory):
    editor = user_factory(is_staff=True)
    editor.groups.add(Group.objects.get(name=SECRETARIAT))
    person = user_factory(email="lost.access@example.org")
    client.force_login(editor)
    response = client.post("/admin/erase-person/", {"email": "lost.access@example.org", "confirm": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email.startswith("erased-")
    client.force_login(user_factory(is_staff=True))
    assert client.get("/admin/erase-person/").status_code in (302, 403)
