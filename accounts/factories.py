"""Factories of the accounts app: legal documents and consents."""

import factory
import wagtail_factories

from .models import ConsentRecord, LegalPage


class LegalPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LegalPage

    title = "Regulamin"
    kind = LegalPage.Kind.TERMS
    version = "1"


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    user = factory.SubFactory("home.factories.UserFactory")
    email = factory.SelfAttribute("user.email")
    purpose = ConsentRecord.Purpose.TERMS
    version = "1"
    text = "Akceptuję regulamin."
    method = ConsentRecord.Method.SIGNUP
