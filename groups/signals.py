"""Keep working groups' spaces, permission groups and waitlists in step with their pages."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from core.request_memo import forget_request_memo

from .models import ActionItem, GroupMembership, MeetingAttachment, MeetingPage, WorkingGroupPage


@receiver(post_save, sender=WorkingGroupPage)
def create_group_space(sender, instance, created, raw=False, **kwargs):
    """A new group (or a new translation of one) gets its coordinators' rights on its subtree."""
    if created and not raw:
        from .roles import ensure_space

        ensure_space(instance)


@receiver([post_save, post_delete], sender=ActionItem, dispatch_uid="groups_action_item_written")
@receiver([post_save, post_delete], sender=MeetingAttachment, dispatch_uid="groups_attachment_written")
def meeting_record_written(sender, **kwargs):
    """A meeting's action items and files are kept as HTML under the frame's version (MeetingPage.records,
    groups.meeting_sections): written outside a publication too (a script, a fixture), they bump it."""
    from home import frame

    frame.invalidate()


@receiver(post_save, sender=GroupMembership)
def sync_membership(sender, instance, raw=False, **kwargs):
    forget_request_memo()  # membership_of's answers of this request
    if not raw:
        from .roles import sync_permission_groups

        sync_permission_groups(instance)


@receiver(post_delete, sender=GroupMembership)
def drop_membership(sender, instance, **kwargs):
    forget_request_memo()
    from .roles import remove_from_permission_groups

    remove_from_permission_groups(instance)


@receiver(page_published, sender=MeetingPage)
def fill_freed_seats(sender, instance, **kwargs):
    """A larger capacity, published, promotes people from the waitlist at once."""
    from .registration import promote_waitlist

    promote_waitlist(instance.canonical)
