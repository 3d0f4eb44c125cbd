"""The small site the permission matrix runs against: one object of each kind, one person per role.

Built once per test module (tests/test_permission_matrix.py) inside a transaction that is
rolled back at the end, so the matrix costs one set-up, not one per URL.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from accounts.factories import ConsentRecordFactory, LegalPageFactory
from accounts.models import DataExport
from accounts.roles import SECRETARIAT
from digests.factories import MailingFactory, SubscriptionFactory
from digests.tokens import CONFIRM, MANAGE, UNSUBSCRIBE, make_token
from directory.factories import (
    DirectoryIndexPageFactory,
    MembershipFactory,
    OrganisationPageFactory,
    SupportItemFactory,
)
from directory.models import Invitation, Membership, Partnership, Registration, SupportItem
from directory.registration import ensure_registration_workflow
from groups.factories import (
    GroupContentPageFactory,
    GroupIndexPageFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    WorkingGroupPageFactory,
)
from groups.membership import appoint_coordinator, request_to_join
from groups.visibility import restrict_to_members
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, UserFactory
from library.factories import LibraryIndexPageFactory, ResourcePageFactory, document
from library.models import CollectionItem, ResourceCollection

ROLES = ("anonymous", "member", "manager", "coordinator", "editor", "admin")


def build_world():
    """Create the pages, objects and people the matrix rows point at; returns a namespace."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction, Site

    w = SimpleNamespace()
    w.home = Site.objects.get(is_default_site=True).root_page.specific

    # People, one per role (anonymous has none).
    w.users = {
        "member": UserFactory(email="member@example.org"),
        "manager": UserFactory(email="manager@example.org"),
        "coordinator": UserFactory(email="coordinator@example.org"),
        "editor": UserFactory(email="editor@example.org"),
        "admin": UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
    }
    w.users["editor"].groups.add(Group.objects.get(name=SECRETARIAT))
    outsider = UserFactory(email="outsider@example.org")

    # Frame pages.
    w.standard = StandardPageFactory(parent=w.home, slug="o-nas")
    w.news_index = NewsIndexPageFactory(parent=w.home, slug="aktualnosci")
    w.news = NewsPageFactory(parent=w.news_index, slug="wiadomosc")
    w.legal = LegalPageFactory(parent=w.home, slug="regulamin")
    for user in w.users.values():  # accepted, or the acceptance middleware would redirect every page
        ConsentRecordFactory(user=user, purpose=w.legal.kind, version=w.legal.version)

    # Directory: organisation A (member + manager), organisation B (someone else's).
    w.directory = DirectoryIndexPageFactory(parent=w.home)
    ensure_registration_workflow()
    w.org = OrganisationPageFactory(parent=w.directory, slug="org-a", title="Organizacja A")
    w.other_org = OrganisationPageFactory(parent=w.directory, slug="org-b", title="Organizacja B")
    MembershipFactory(organisation=w.org, user=w.users["member"], role=Membership.MEMBER)
    MembershipFactory(organisation=w.org, user=w.users["manager"], role=Membership.MANAGER)
    MembershipFactory(organisation=w.other_org, user=outsider, role=Membership.MANAGER)
    w.need = SupportItemFactory(organisation=w.org, kind=SupportItem.NEED, title="Potrzeba A")
    w.offer = SupportItemFactory(organisation=w.other_org, kind=SupportItem.OFFER, title="Oferta B")
    w.other_offer = SupportItemFactory(organisation=w.other_org, kind=SupportItem.OFFER, title="Oferta B2")
    w.partnership = Partnership.objects.create(
        need=w.need, offer=w.offer, proposed_by=w.other_org, proposed_by_user=outsider)
    w.invitation = Invitation.objects.create(organisation=w.org, email="new@example.org", invited_by=w.users["manager"])
    w.registration = Registration.objects.create(organisation=w.other_org, user=outsider, status=Registration.APPROVED)

    # Working groups: G (coordinated by the coordinator) with a members-only page and a meeting; H another group.
    w.group_index = GroupIndexPageFactory(parent=w.home)
    w.group = WorkingGroupPageFactory(parent=w.group_index, slug="edukacja", title="Edukacja")
    w.other_group = WorkingGroupPageFactory(parent=w.group_index, slug="mieszkalnictwo", title="Mieszkalnictwo")
    appoint_coordinator(w.users["coordinator"], w.group)
    w.group_page = GroupContentPageFactory(parent=w.group, slug="notatki")
    w.members_page = GroupContentPageFactory(parent=w.group, slug="tylko-dla-czlonkow")
    w.members_restriction = restrict_to_members(w.members_page, w.group)
    w.other_group_page = GroupContentPageFactory(parent=w.other_group, slug="notatki-h")
    w.meeting_index = MeetingIndexPageFactory(parent=w.home)
    w.meeting = MeetingPageFactory(parent=w.group, slug="spotkanie", capacity=10)
    w.join_request = request_to_join(outsider, w.group)

    # Library: index, one resource with a topic, one collection.
    w.library = LibraryIndexPageFactory(parent=w.home)
    w.resource = ResourcePageFactory(parent=w.library, slug="poradnik")
    w.resource.topics.add("mieszkalnictwo")
    w.resource.save()
    w.topic_slug = w.resource.topics.first().slug
    w.collection = ResourceCollection.objects.create(title="Na start", slug="na-start", locale=w.home.locale)
    CollectionItem.objects.create(collection=w.collection, resource=w.resource, sort_order=0)

    # Digests: a subscription and its three signed links.
    w.subscription = SubscriptionFactory(email="subscriber@example.org")
    w.tokens = {purpose: make_token(w.subscription, purpose) for purpose in (CONFIRM, UNSUBSCRIBE, MANAGE)}

    w.mailing = MailingFactory()

    # A public document (root collection) and one in a password-protected collection.
    w.document = document("poradnik.pdf", title="Poradnik")
    private = Collection.get_first_root_node().add_child(name="Chronione hasłem")
    w.collection_restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="tajne")
    w.private_document = document("tajny.pdf", title="Tajny")
    w.private_document.collection = private
    w.private_document.save()

    build_community(w)
    build_positions(w)
    build_innovations(w)

    # The member's ready personal-data export.
    w.export = DataExport.objects.create(
        user=w.users["member"], token="matrix-export-token", status=DataExport.Status.READY, content={},
        ready_at=timezone.now(), expires_at=timezone.now() + datetime.timedelta(days=7))
    return w


def build_positions(w):
    """The positions index; group G's position P in consultation with two versions and a comment of A's
    member; the Secretariat's S and S2 open for signature, A having signed S2 (when the app is installed)."""
    from django.apps import apps

    if not apps.is_installed("positions"):
        return
    # Only here: the app's models cannot be imported when it is not installed (the check above).
    from positions.actions import add_comment, sign
    from positions.factories import PositionIndexPageFactory, PositionPageFactory, in_consultation, open_for_signature
    from positions.factories import publish

    w.positions_index = PositionIndexPageFactory(parent=w.home)
    w.position = in_consultation(PositionPageFactory(parent=w.group, slug="stanowisko-g"))
    w.position.title += " (v2)"
    publish(w.position)
    w.position_comment = add_comment(w.users["member"], w.position, w.position.paragraphs()[0][0], "Uwaga", w.org.pk)
    w.signing_position = open_for_signature(PositionPageFactory(parent=w.positions_index, slug="stanowisko-s"))
    w.signed_position = open_for_signature(PositionPageFactory(parent=w.positions_index, slug="stanowisko-s2"))
    sign(w.users["manager"], w.signed_position, w.org.pk)


def build_community(w):
    """Group G's members-only discussion thread with a post, and a member update of organisation A
    (when the community app is installed)."""
    from django.apps import apps

    if not apps.is_installed("community"):
        return
    # Only here: the app's models cannot be imported when it is not installed (the check above).
    from community.factories import PostFactory, ThreadFactory
    from community.models import OrganisationUpdate

    coordinator = w.users["coordinator"]
    w.thread = ThreadFactory(group=w.group, author=coordinator, title="Wątek grupy")
    w.post = PostFactory(thread=w.thread, author=coordinator, body="Pierwszy wpis.")
    w.update = OrganisationUpdate.objects.create(organisation=w.org, author=w.users["member"],
                                                 text="Otworzyliśmy nowy punkt pomocy.")


def build_innovations(w):
    """A catalogue with an innovation of organisation B and organisation A's interest in it."""
    from django.apps import apps

    if not apps.is_installed("innovations"):
        return
    # Only here: the app's models cannot be imported when it is not installed (the check above).
    from innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
    from innovations.models import ReplicationInterest

    w.innovations = InnovationIndexPageFactory(parent=w.home)
    w.innovation = InnovationPageFactory(parent=w.innovations, organisation=w.other_org, slug="klub-pracy")
    w.interest = ReplicationInterest.objects.create(innovation=w.innovation, organisation=w.org,
                                                    user=w.users["member"], reason="Chcemy", timeframe="later")
