"""Meetings: the Forum-wide meetings index and meetings (Forum-wide or of a working group)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.access import request_restrictions, visible_pages_for
from home.models import BasePage, TranslationRootMixin
from home.routing import ancestor_of_type

from .pages import WorkingGroupPage

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class MeetingQuerySet(PageQuerySet):
    def upcoming(self):
        """Meetings that have not ended yet."""
        return self.filter(end__gte=timezone.now())

    def past(self):
        """Meetings that have ended."""
        return self.filter(end__lt=timezone.now())


MeetingManager = PageManager.from_queryset(MeetingQuerySet)


class MeetingIndexPage(BasePage):
    """The Forum-wide meetings for all registered members: upcoming first, then past ones."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.MeetingPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("meetings index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        meetings = visible_pages_for(request.user, MeetingPage.objects.child_of(self).live(),
                                     request_restrictions(request))
        context["upcoming_meetings"] = meetings.upcoming().order_by("start")
        context["past_meetings"] = Paginator(meetings.past().order_by("-start"), 12).get_page(request.GET.get("page"))
        return context


class MeetingPage(TranslationRootMixin, BasePage):
    """A meeting: when and where, agenda, registration, then minutes, attachments and action items."""

    class Mode(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    start = models.DateTimeField(_("start"), help_text=_("Europe/Warsaw time."))
    end = models.DateTimeField(_("end"), help_text=_("Europe/Warsaw time."))
    mode = models.CharField(_("format"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    address = models.TextField(_("address"), blank=True, max_length=500)
    online_url = models.URLField(
        _("online meeting link"), blank=True, max_length=500,
        help_text=_("Shown only to registered participants."),
    )
    agenda = RichTextField(_("agenda"), blank=True, features=RICH_TEXT_FEATURES)
    capacity = models.PositiveIntegerField(
        pgettext_lazy("meeting", "capacity"), null=True, blank=True, help_text=_("Leave empty for no limit; others join a waitlist.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open from publication.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: open until the meeting starts.")
    )
    minutes = RichTextField(_("minutes"), blank=True, features=RICH_TEXT_FEATURES)

    objects = MeetingManager()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("mode"),
             FieldPanel("address"), FieldPanel("online_url")],
            heading=_("When and where"),
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("capacity"),
             FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")])],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("minutes"), InlinePanel("attachments", label=_("Attachments"))],
            heading=_("After the meeting"),
        ),
        InlinePanel("action_items", label=_("Action items")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("agenda"),
        index.SearchField("minutes"),
        index.FilterField("start"),
    ]
    override_translatable_fields = [
        TranslatableField("agenda"),
        TranslatableField("minutes"),
        TranslatableField("address"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("mode"),
        SynchronizedField("online_url"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_opens_at"),
        SynchronizedField("registration_closes_at"),
        SynchronizedField("attachments"),
        SynchronizedField("action_items"),
    ]
    parent_page_types = ["groups.MeetingIndexPage", "groups.WorkingGroupPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # "The next meetings" (home page, indexes, a group's page): walked in start order, those that
        # have ended skipped in the index itself, instead of every page of the site read and sorted.
        indexes = [models.Index(fields=["start", "end"], name="groups_meeting_start_end")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID) and not self.address.strip():
            errors["address"] = _("Give the address of a meeting held in person.")
        if self.mode in (self.Mode.ONLINE, self.Mode.HYBRID) and not self.online_url:
            errors["online_url"] = _("Give the link of a meeting held online.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        elif closes and self.end and closes > self.end:
            errors["registration_closes_at"] = _("Registration cannot close after the meeting ends.")
        if self.capacity is not None and self.pk:
            taken = self.canonical.registrations.confirmed().count()
            if self.capacity < taken:
                errors["capacity"] = _(
                    "%(count)s people are already registered: the capacity cannot be lower."
                ) % {"count": taken}
        if errors:
            raise ValidationError(errors)

    @property
    def group(self):
        """The working group holding this meeting, or None for a Forum-wide meeting."""
        if not hasattr(self, "_group"):
            self._group = ancestor_of_type(self, WorkingGroupPage)  # no query when routed (home.routing)
        return self._group

    @property
    def is_online(self):
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)

    @property
    def is_in_person(self):
        return self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID)

    @property
    def has_ended(self):
        return self.end < timezone.now()

    def registration_state(self, now=None):
        """"not-yet", "open" or "closed" for registrations at `now`."""
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not-yet"
        closes = self.registration_closes_at or self.start
        if now >= closes:
            return "closed"
        return "open"

    def get_context(self, request, *args, **kwargs):
        from ..registration import reader_registration
        from ..roles import can_manage_meeting

        context = super().get_context(request, *args, **kwargs)
        registration, context["seats_taken"] = reader_registration(request.user, self)
        context["registration"] = registration
        context["can_manage"] = can_manage_meeting(request.user, self)
        context["show_online_link"] = self.is_online and (
            context["can_manage"] or (registration is not None and registration.is_confirmed)
        )
        context["registration_state"] = self.registration_state()
        context["records"] = self.records(request)
        return context

    def records(self, request):
        """The minutes, attachments and action items as HTML: the same for every reader Wagtail lets read
        the meeting, kept (home.frame.kept_html) under the frame's version (every page saved, document
        changed) for the day (an action item becomes overdue)."""
        from home import frame

        return frame.kept_html(request, ("groups:meeting-records", self.pk, timezone.localdate()),
                               "groups/includes/meeting_records.html", lambda: {
                                   "page": self, "attachments": self.attachments.select_related("document"),
                                   "action_items": self.action_items.all()})


class MeetingAttachment(Orderable):
    """A document attached to a meeting (presentation, minutes in PDF, list of signatures)."""

    page = ParentalKey(MeetingPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def label(self):
        return self.title or self.document.title


class ActionItem(Orderable):
    """A task agreed at a meeting; listed on the group's page until it is done."""

    meeting = ParentalKey(MeetingPage, related_name="action_items", on_delete=models.CASCADE)
    what = models.CharField(_("what"), max_length=500)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    panels = [FieldPanel("what"), FieldRowPanel([FieldPanel("who"), FieldPanel("due"), FieldPanel("done")])]

    class Meta(Orderable.Meta):
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.what

    @property
    def is_overdue(self):
        return bool(self.due and not self.done and self.due < timezone.localdate())
