"""The Atom feed of the Forum's positions in one language (what anonymous visitors may read)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from home.feeds import PageFeedMixin

from .listing import positions_for

FEED_SIZE = 30


class PositionFeed(PageFeedMixin, Feed):
    """Newest positions first; each entry says its status and deadline."""

    feed_type = Atom1Feed

    def get_object(self, request, index=None):
        self.request = request
        # Django reads the feed's language as an attribute, not through obj.
        self.language = index.locale.language_code
        return index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.url

    def subtitle(self, index):
        return index.introduction or _("Joint positions of the Forum Razem")

    def items(self, index):
        return positions_for(AnonymousUser(), index.locale_id)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        status = str(item.status_label)
        if item.deadline:
            status += f" · {_('until')} {item.deadline:%Y-%m-%d %H:%M}"
        return f"{status}. {item.introduction}" if item.introduction else status
