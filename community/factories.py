"""Factories of discussions (factory_boy + Faker)."""

import factory

from .models import Post, Thread


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    title = factory.Faker("sentence", nb_words=5, locale="pl_PL")
    author = factory.SubFactory("home.factories.UserFactory")
    post_count = 1


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory("home.factories.UserFactory")
    body = factory.Faker("paragraph", locale="pl_PL")
