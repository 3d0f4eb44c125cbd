"""What every feed of pages shares (library, positions, innovations…)."""


class PageFeedMixin:
    """Feed items that are pages: their address, first publication and last update.

    Mixed into a `django.contrib.syndication.views.Feed` whose `get_object` stores the request
    on `self.request` (page URLs depend on the site the request came to).
    """

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
