"""Topics of the library: the library's own tag model (django-taggit)."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


# The topic's name in the site's other languages (`name` is the Polish one, as tagged).
TRANSLATED_NAMES = {"uk": "name_uk", "en": "name_en"}


class Topic(TagBase):
    """A topic of the library (free tagging by editors); each topic has its own page and feed.

    One topic serves every language (a resource and its translations share their topics, and
    the slug in topic URLs stays the same); its name is translated in `name_uk` and `name_en`.
    """

    name_uk = models.CharField(_("name in Ukrainian"), max_length=100, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    @staticmethod
    def name_field(language=None):
        """The column holding topic names in `language` (the active one by default)."""
        return TRANSLATED_NAMES.get((language or translation.get_language() or "").split("-")[0], "name")

    @property
    def label(self):
        """The name in the active language, the Polish name where no translation is given."""
        return getattr(self, self.name_field()) or self.name


class TaggedResource(ItemBase):
    """Links a resource page to one of its topics."""

    tag = models.ForeignKey(Topic, related_name="tagged_resources", on_delete=models.CASCADE)
    content_object = ParentalKey("library.ResourcePage", related_name="tagged_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("topic of a resource")
        verbose_name_plural = _("topics of resources")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="library_unique_topic_per_resource")]
