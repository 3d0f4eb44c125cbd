"""Topics of the library: the library's own tag model (django-taggit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


class Topic(TagBase):
    """A topic of the library (free tagging by editors); each topic has its own page and feed."""

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]


class TaggedResource(ItemBase):
    """Links a resource page to one of its topics."""

    tag = models.ForeignKey(Topic, related_name="tagged_resources", on_delete=models.CASCADE)
    content_object = ParentalKey("library.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("topic of a resource")
        verbose_name_plural = _("topics of resources")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="library_unique_topic_per_resource")]
