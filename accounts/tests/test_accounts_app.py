"""The user model, the Secretariat role and e-mails in each person's language."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import GroupPagePermission

from accounts.mail import send_to_user
from accounts.models import User
from accounts.roles import SECRETARIAT

pytestmark = pytest.mark.django_db


def test_secretariat_group_can_edit_and_publish_every_page():
    group = Group.objects.get(name=SECRETARIAT)
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page__depth=1).values_list("permission__codename", flat=True)
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    assert group.permissions.filter(codename="access_admin").exists()


def test_signup_remembers_language(client, home_page):
    client.post(
        "/uk/accounts/signup/",
        {"email": "olena@example.org", "password1": "Kyiv-Warszawa-2026!", "password2": "Kyiv-Warszawa-2026!",
         "accept_terms": "on"},
    )

    assert User.objects.get(email="olena@example.org").language == "uk"


@pytest.mark.parametrize("language, greeting", [("pl", "Dzień dobry"), ("uk", "Добрий день"), ("en", "Hello")])
def test_mail_is_rendered_in_the_recipient_language(user_factory, language, greeting):
    user = user_factory(language=language)
    send_to_user(user, "accounts/tests/hello")
    assert greeting in mail.outbox[0].body
    assert mail.outbox[0].to == [user.email]
