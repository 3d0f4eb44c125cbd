"""The Forum's joint positions: the site-wide index (the Secretariat's positions, and the listing of
every position) and one page per position, under the index or in a working group's space.

A position is written in Polish (the authoritative text) and translated into uk and en with
wagtail-localize. Its consultation comments, versions and signatures hang off the first page of
its translations (`canonical`, as for working groups), so every translation shows the same ones.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import BasePage, TranslationRootMixin

SUMMARY_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class PositionIndexPage(RoutablePageMixin, BasePage):
    """The Forum's positions: the Secretariat's own live below it, and its listing gathers those of
    the working groups too; it has the positions' Atom feed."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["positions.PositionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("positions index")

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import PositionFeed

        return PositionFeed()(request, index=self)

    def get_context(self, request, *args, **kwargs):
        from ..listing import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing(request, self))
        context["feed_url"] = self.get_url(request=request) + self.reverse_subpage("feed_atom")
        return context


class PositionPage(TranslationRootMixin, BasePage):
    """A joint position: a statement, a consultation response to a draft law, or an appeal.

    Its text is a list of paragraphs, each with a stable id (the StreamField block id, kept by the
    translations): consultation comments are anchored to it and versions are compared by it.
    """

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        CONSULTATION_RESPONSE = "consultation-response", _("Consultation response to a draft law")
        APPEAL = "appeal", _("Appeal")

    class Phase(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("Consultation with members")
        SIGNING = "signing", _("Open for signature")
        CLOSED = "closed", _("Closed")

    # What readers are told: the phase, and whether its deadline has passed.
    STATUS_LABELS = {
        "draft": _("Draft"),
        "consultation": _("In consultation"),
        "consultation-closed": _("Consultation closed"),
        "signing": _("Open for signature"),
        "closed": _("Closed"),
    }

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.STATEMENT)
    addressee = models.CharField(_("addressed to"), max_length=255, blank=True,
                                 help_text=_("e.g. the ministry a consultation response is sent to"))
    reference = models.CharField(_("reference of the draft law"), max_length=100, blank=True,
                                 help_text=_("e.g. the number of the draft in the government's legislative list"))
    text = StreamField(
        [("paragraph", blocks.TextBlock(label=_("Paragraph"), max_length=5000))],
        verbose_name=_("text"), blank=True, use_json_field=True,
        help_text=_("One block per paragraph: members comment on each paragraph, and versions are compared "
                    "paragraph by paragraph."),
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.DRAFT)
    consultation_closes_at = models.DateTimeField(_("consultation closes"), null=True, blank=True)
    signing_closes_at = models.DateTimeField(_("signing closes"), null=True, blank=True)
    consultation_summary = RichTextField(_("summary of the consultation"), blank=True, features=SUMMARY_FEATURES)
    show_summary = models.BooleanField(_("show the summary to the public"), default=False)

    content_panels = BasePage.content_panels[:2] + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("addressee"), FieldPanel("reference")],
                        heading=_("What the position is")),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("phase"),
             FieldRowPanel([FieldPanel("consultation_closes_at"), FieldPanel("signing_closes_at")])],
            heading=_("Consultation and signing"),
        ),
        MultiFieldPanel([FieldPanel("consultation_summary"), FieldPanel("show_summary")],
                        heading=_("After the consultation")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("addressee"),
        index.SearchField("text"),
        index.FilterField("phase"),
    ]
    override_translatable_fields = [
        TranslatableField("addressee"),
        TranslatableField("text"),
        TranslatableField("consultation_summary"),
        SynchronizedField("kind"),
        SynchronizedField("reference"),
        SynchronizedField("phase"),
        SynchronizedField("consultation_closes_at"),
        SynchronizedField("signing_closes_at"),
        SynchronizedField("show_summary"),
    ]
    parent_page_types = ["positions.PositionIndexPage", "groups.WorkingGroupPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("joint position")
        verbose_name_plural = _("joint positions")

    def clean(self):
        super().clean()
        errors = {}
        if self.phase == self.Phase.CONSULTATION and not self.consultation_closes_at:
            errors["consultation_closes_at"] = _("A consultation needs a closing date.")
        if self.phase == self.Phase.SIGNING and not self.signing_closes_at:
            errors["signing_closes_at"] = _("Signing needs a closing date.")
        if (self.consultation_closes_at and self.signing_closes_at
                and self.signing_closes_at <= self.consultation_closes_at):
            errors["signing_closes_at"] = _("Signing must close after the consultation.")
        if errors:
            raise ValidationError(errors)

    # --- phases -------------------------------------------------------------------------------

    @property
    def deadline(self):
        """The closing time of the current phase (None for a draft or a closed position)."""
        if self.phase == self.Phase.CONSULTATION:
            return self.consultation_closes_at
        if self.phase == self.Phase.SIGNING:
            return self.signing_closes_at
        return None

    def status(self, now=None):
        """"draft", "consultation", "consultation-closed", "signing" or "closed" at `now`."""
        now = now or timezone.now()
        deadline = self.deadline
        if self.phase == self.Phase.CONSULTATION:
            return "consultation" if deadline and now < deadline else "consultation-closed"
        if self.phase == self.Phase.SIGNING:
            return "signing" if deadline and now < deadline else "closed"
        return self.phase

    @classmethod
    def status_filter(cls, status, now=None):
        """A Q selecting the positions whose `status(now)` is `status` (one of STATUS_LABELS)."""
        now = now or timezone.now()
        consultation = models.Q(phase=cls.Phase.CONSULTATION)
        signing = models.Q(phase=cls.Phase.SIGNING)
        return {
            "draft": models.Q(phase=cls.Phase.DRAFT),
            "consultation": consultation & models.Q(consultation_closes_at__gt=now),
            "consultation-closed": consultation & ~models.Q(consultation_closes_at__gt=now),
            "signing": signing & models.Q(signing_closes_at__gt=now),
            "closed": models.Q(phase=cls.Phase.CLOSED) | (signing & ~models.Q(signing_closes_at__gt=now)),
        }[status]

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status()]

    def consultation_open(self, now=None):
        return self.status(now) == "consultation"

    def signing_open(self, now=None):
        return self.status(now) == "signing"

    # --- text ---------------------------------------------------------------------------------

    def paragraphs(self):
        """[(paragraph id, text)] of this page's text, in order."""
        return [(block.id, str(block.value)) for block in self.text if block.block_type == "paragraph"]

    @property
    def is_authoritative(self):
        """True for the Polish text (the one that binds; translations say so and link to it)."""
        return self.locale.language_code == settings.LANGUAGE_CODE

    @property
    def group(self):
        """The working group this position belongs to, None for the Secretariat's: the page it lies under,
        which is the positions index or a working group's page (`parent_page_types`). No query when the
        page was routed (its parent is at hand, home.routing), else one."""
        parent = self.get_parent()
        if parent is not None and parent.path != self.path[:-self.steplen]:  # kept from before a move
            parent = self.get_parent(update=True)
        if parent is None or issubclass(parent.specific_class or PositionIndexPage, PositionIndexPage):
            return None
        return parent.specific_deferred if type(parent) is Page else parent

    def get_context(self, request, *args, **kwargs):
        from ..page_context import position_context

        context = super().get_context(request, *args, **kwargs)
        context.update(position_context(request, self))
        return context
