"""The Atom feed of newly published innovations of one catalogue (its language)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.feeds import PageFeedMixin

from .catalogue import published

FEED_SIZE = 30


class InnovationAtomFeed(PageFeedMixin, Feed):
    """The newest innovations of a catalogue, as Atom 1.0."""

    feed_type = Atom1Feed

    def get_object(self, request, catalogue=None):
        self.request = request
        self.language = catalogue.locale.language_code  # Django reads it as an attribute
        return catalogue

    def title(self, catalogue):
        return catalogue.title

    def link(self, catalogue):
        return catalogue.url

    def subtitle(self, catalogue):
        return catalogue.introduction or _("Innovations of the Forum Razem members, ready to scale")

    def items(self, catalogue):
        return (published().filter(locale_id=catalogue.locale_id).select_related("organisation")
                .order_by("-first_published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return f"{item.title} ({item.get_stage_display()})"

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.organisation.title if item.organisation else None
