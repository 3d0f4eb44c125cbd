"""RSS and Atom feeds of new resources, for the whole library and for each topic."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.feeds import PageFeedMixin

from .models import Topic

FEED_SIZE = 30


class ResourceRssFeed(PageFeedMixin, Feed):
    """The newest resources of one library (optionally of one topic), as RSS 2.0."""

    def get_object(self, request, library=None, slug=None):
        self.request = request
        # Django reads the feed's language as an attribute, not through obj.
        self.language = library.locale.language_code
        topic = None
        if slug:
            topic = Topic.objects.filter(slug=slug).first()
            if topic is None:
                raise Http404
        return {"library": library, "topic": topic}

    def title(self, obj):
        if obj["topic"]:
            return _("%(library)s: %(topic)s") % {"library": obj["library"].title, "topic": obj["topic"].label}
        return obj["library"].title

    def link(self, obj):
        library = obj["library"]
        if obj["topic"]:
            return library.url + library.reverse_subpage("topic", args=[obj["topic"].slug])
        return library.url

    def description(self, obj):
        return obj["library"].introduction or _("New resources of the Forum Razem knowledge library")

    def items(self, obj):
        resources = obj["library"].resources()
        if obj["topic"]:
            resources = resources.filter(tagged_items__tag=obj["topic"])
        return resources.order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.authors or item.publisher_name or None


class ResourceAtomFeed(ResourceRssFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
