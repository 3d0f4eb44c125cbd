"""Factories of subscriptions and mailings for tests and the benchmark."""

import datetime

import factory
from django.utils import timezone
from wagtail.models import Locale

from home.models import Sector, Voivodeship

from .models import Mailing, Subscription
from .models.subscriptions import KIND_CODES


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """An active (confirmed) weekly subscription to every kind of content."""

    class Meta:
        model = Subscription
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"subscriber{n}@example.org")
    status = Subscription.ACTIVE
    language = "pl"
    frequency = "weekly"
    kinds = factory.LazyFunction(lambda: list(KIND_CODES))
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=60))

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(Sector.objects.filter(code__in=extracted))

    @factory.post_generation
    def voivodeships(self, create, extracted, **kwargs):
        if create and extracted:
            self.voivodeships.set(Voivodeship.objects.filter(code__in=extracted))


class MailingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mailing
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mailing {n}")
    subject = "Zaproszenie na spotkanie Forum"
    body = "<p>Zapraszamy na spotkanie.</p>"
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def translations(self, create, extracted, **kwargs):
        """{language: (subject, body)}; by default an English translation (and no Ukrainian one)."""
        if extracted is None:
            extracted = {"en": ("Invitation to the Forum meeting", "<p>Join us at the meeting.</p>")}
        for code, (subject, body) in extracted.items():
            self.translate(code, subject, body)
