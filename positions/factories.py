"""Factories of the positions' pages and their consultation and signatures (tests, demo)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import PositionIndexPage, PositionPage
from .versions import paragraphs  # noqa: F401  (tests build texts with it)

PARAGRAPHS = [
    "Forum „Razem” zwraca uwagę na potrzebę zapewnienia stabilnego dostępu do edukacji dzieciom z Ukrainy.",
    "Proponujemy, aby szkoły otrzymały dodatkowe środki na asystentów międzykulturowych.",
    "Apelujemy o konsultowanie zmian z organizacjami pracującymi z rodzinami uchodźczymi.",
]


class PositionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PositionIndexPage

    title = "Stanowiska Forum"
    slug = "stanowiska"


class PositionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PositionPage

    title = factory.Sequence(lambda n: f"Stanowisko {n}")
    kind = PositionPage.Kind.STATEMENT
    text = factory.LazyFunction(lambda: [("paragraph", text) for text in PARAGRAPHS])


def publish(page, user=None):
    """Publish the page's current state as a revision (records a version of its text)."""
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def in_consultation(page, days=10, user=None):
    """Open the page's consultation for `days` and publish it."""
    page.phase = PositionPage.Phase.CONSULTATION
    page.consultation_closes_at = timezone.now() + datetime.timedelta(days=days)
    return publish(page, user)


def open_for_signature(page, days=14, user=None):
    """Open the page for signature for `days` (its consultation closed before) and publish it."""
    page.phase = PositionPage.Phase.SIGNING
    page.consultation_closes_at = page.consultation_closes_at or timezone.now() - datetime.timedelta(days=1)
    if page.consultation_closes_at > timezone.now():
        page.consultation_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    page.signing_closes_at = timezone.now() + datetime.timedelta(days=days)
    return publish(page, user)
