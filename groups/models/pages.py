"""The working groups' pages: the groups index, a group's home page and its content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.access import request_restrictions, visible_pages_for
# TranslationRootMixin: the migrations of groups name it as groups.models.pages's.
from home.models import BasePage, TranslationRootMixin
from home.routing import ancestor_of_type
from home.translation import localise


class GroupIndexPage(BasePage):
    """The list of the Forum's working groups: active first, then archived."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.WorkingGroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working groups index")

    def get_context(self, request, *args, **kwargs):
        from .. import finding

        context = super().get_context(request, *args, **kwargs)
        groups = visible_pages_for(
            request.user, WorkingGroupPage.objects.child_of(self).live(), request_restrictions(request)
        ).prefetch_related("sectors", models.Prefetch(
            "leads", GroupLead.objects.select_related("organisation").only(
                "group_id", "role", "sort_order", "organisation__title")
        ))
        query = context["query"] = finding.query_of(request)
        if query:  # the keyword box: one list, active and archived groups, by relevance
            context["found_groups"] = list(finding.matching_groups(request, groups, query))
            return context
        groups = list(groups.order_by("title"))
        context["active_groups"] = [g for g in groups if g.status == WorkingGroupPage.Status.ACTIVE]
        context["archived_groups"] = [g for g in groups if g.status == WorkingGroupPage.Status.ARCHIVED]
        return context


class WorkingGroupPage(TranslationRootMixin, BasePage):
    """A thematic working group's home: mandate, leads, coordinators, meetings and open action items."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: join at once")
        REQUEST = "request", _("By request: coordinators accept")
        INVITE = "invite", _("Invitation only")

    topic = models.CharField(_("topic"), max_length=255)
    sectors = ParentalManyToManyField("home.Sector", verbose_name=_("sectors"), blank=True, related_name="+")
    mandate = RichTextField(_("mandate"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    join_policy = models.CharField(
        _("joining"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.REQUEST
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("sectors"), FieldPanel("mandate")], heading=_("What the group does")
        ),
        InlinePanel("leads", label=_("Lead and co-lead organisations")),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("join_policy"), FieldPanel("contact_email")],
            heading=_("How the group works"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("topic"),
        index.SearchField("mandate"),
        index.FilterField("status"),
    ]
    override_translatable_fields = [
        TranslatableField("topic"),
        TranslatableField("mandate"),
        SynchronizedField("sectors"),
        SynchronizedField("leads"),
        SynchronizedField("status"),
        SynchronizedField("join_policy"),
        SynchronizedField("contact_email"),
    ]
    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["groups.GroupContentPage", "groups.MeetingPage", "home.NewsIndexPage", "positions.PositionPage"]

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def get_context(self, request, *args, **kwargs):
        from .. import finding
        from ..membership import coordinators_and_membership

        context = super().get_context(request, *args, **kwargs)
        # Meetings and action items: the template's {% meeting_sections %} (groups.meeting_sections);
        # the group's other pages: {% group_pages %} (readable_subpages).
        query = context["query"] = finding.query_of(request)
        if query:  # the space's keyword box: its pages and meetings by relevance (discussions: their tag)
            context["space_matches"] = finding.space_matches(request, self, query)
        context["coordinators"], context["membership"] = coordinators_and_membership(request.user, self)
        if request.user.is_authenticated and not (context["membership"] and context["membership"].is_active):
            from ..membership import joinable_organisations

            context["join_organisations"] = list(joinable_organisations(request.user))
        return context

    def readable_subpages(self, request):
        """The group's live pages other than meetings that the request's reader may read."""
        from .meetings import MeetingPage

        return list(visible_pages_for(request.user, self.get_children().live().not_type(MeetingPage),
                                      request_restrictions(request)))

    def localized_leads(self):
        """(lead, organisation page in the reader's language) pairs, leads first (two queries)."""
        from django.utils.translation import get_language

        leads = list(self.leads.select_related("organisation").order_by("role", "sort_order"))
        pages = localise([lead.organisation for lead in leads], get_language())
        return [(lead, page) for lead, (_source, page) in zip(leads, pages, strict=True)]


class GroupLead(Orderable):
    """An organisation leading or co-leading a working group (UNHCR, a Polish NGO…)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_LEAD = "co-lead", _("Co-lead")

    group = ParentalKey(WorkingGroupPage, related_name="leads", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "directory.OrganisationPage", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.CO_LEAD)

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("lead organisation")
        verbose_name_plural = _("lead organisations")


class GroupContentPage(BasePage):
    """A free page of a working group's space: notes, positions, resources; may be members-only."""

    parent_page_types = ["groups.WorkingGroupPage", "groups.GroupContentPage"]
    subpage_types = ["groups.GroupContentPage"]

    class Meta:
        verbose_name = _("group page")
        verbose_name_plural = _("group pages")

    @property
    def group(self):
        """The working group this page belongs to (no query when the page was routed: home.routing)."""
        return ancestor_of_type(self, WorkingGroupPage)
