"""The site's frame pages: home page, content pages and news."""

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.access import public_pages, request_restrictions, without_hidden

from .. import frame
from ..blocks import BaseStreamBlock


class TranslationRootMixin:
    """Pages whose non-translated data (members, registrations) hangs off one page of a translation set."""

    @property
    def canonical(self):
        """The first-created page of this page's translations (stable whatever language is read)."""
        if not hasattr(self, "_canonical"):
            # Kept across requests until a page changes (creating or deleting a translation does).
            first_pk = frame.cached(("groups", "canonical", self.translation_key), lambda: (
                Page.objects.filter(translation_key=self.translation_key).order_by("pk")
                .values_list("pk", flat=True).first()
            ))
            # The page itself when it is the first: callers then see its unsaved changes too.
            self._canonical = self if first_pk in (None, self.pk) else type(self).objects.get(pk=first_pk)
        return self._canonical

    @property
    def translation_ids(self):
        """Ids of every page in this page's translation set."""
        return list(Page.objects.filter(translation_key=self.translation_key).values_list("pk", flat=True))


class BasePage(Page):
    """Abstract page with an introduction and a flexible body, shared by the site's pages."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The Forum's front page: what the Forum is and the latest of each area."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=1000)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        InlinePanel("highlights", label=_("Highlighted links")),
    ]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing below the home page in two queries whatever the depth (home.routing)."""
        from ..routing import route

        return route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .. import frame
        from ..figures import key_figures
        from ..latest import cached_latest_sections

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["highlights"] = self.highlight_links(request) if preview else frame.cached(
            ("home:highlights", self.pk, translation.get_language()), lambda: self.highlight_links(request))
        # Checked against this request's restrictions: one written without signals hides an item at once.
        context["latest_news"] = without_hidden(frame.cached(
            ("home:news", self.locale_id, translation.get_language()), lambda: self.news_items(request)),
            request_restrictions(request))
        # Each app may add its latest items through home.latest without home importing it.
        context["latest_sections"] = cached_latest_sections(request, self.locale_id)
        context["figures"] = key_figures(request, self.locale_id)
        return context

    def highlight_links(self, request):
        """The highlighted links as {title, text, url} (the linked page in the reader's language)."""
        return [{"title": item.title, "text": item.text, "url": item.url}
                for item in self.highlights.select_related("link_page")]

    def news_items(self, request, count=3):
        """The newest public news items of this language as {title, url, date, path}."""
        news = (public_pages(NewsPage.objects.live().filter(locale_id=self.locale_id), request_restrictions(request))
                .order_by("-date", "-pk").only("title", "url_path", "path", "date", "locale_id")[:count])
        return [{"title": item.title, "url": item.get_url(request=request), "date": item.date, "path": item.path}
                for item in news]


class HomePageHighlight(Orderable):
    """A highlighted link on the home page (e.g. "Register your organisation")."""

    page = ParentalKey(HomePage, related_name="highlights", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=120)
    text = models.CharField(_("text"), max_length=300, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link_url = models.CharField(_("or address"), max_length=300, blank=True)

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("link_page"), FieldPanel("link_url")]

    @property
    def url(self):
        """The highlighted page's URL, or the address typed by the editor."""
        if self.link_page_id:
            return self.link_page.localized.url
        return self.link_url


class StandardPage(BasePage):
    """A plain content page: about the Forum, how to join, contact, policies."""

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(BasePage):
    """The list of the Forum's news, newest first."""

    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_list"] = self.news_list(request)
        return context

    def news_list(self, request):
        """The page of public news the request asks for, as HTML. The same for every reader: kept
        (home.frame.cached) per host, language, parameters and the tree paths hidden from visitors
        in this index or above it, read from the database with the request (a restriction written
        without signals changes the key at once); every publication bumps the frame's version."""
        from django.contrib.auth.models import AnonymousUser
        from django.core.paginator import Paginator

        from core.access import hidden_paths_bearing_on, reader_hidden_paths

        def context():
            news = (public_pages(NewsPage.objects.child_of(self).live(), request_restrictions(request))
                    .order_by("-date", "-pk"))
            return {"news": Paginator(news, 12).get_page(request.GET.get("page"))}

        hidden = hidden_paths_bearing_on(self, reader_hidden_paths(request, AnonymousUser()))
        return frame.kept_html(request, ("home:news-list", self.pk, frame.query_parts(request), hidden),
                               "home/includes/news_list.html", context)


class NewsPage(BasePage):
    """A news item of the Forum: an announcement, a report of a meeting, a call."""

    date = models.DateField(_("date"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("image")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.FilterField("date")]

    class Meta:
        verbose_name = _("news item")
        ordering = ["-date"]
