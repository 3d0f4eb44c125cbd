from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-app infrastructure (access rules, request helpers); it imports no other app of ours,
    so every app may import it. No models, hence no verbose name to translate."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed

        from . import request_memo

        m2m_changed.connect(_forget_group_ids, sender=get_user_model().groups.through, dispatch_uid="core_group_ids")
        request_started.connect(request_memo.request_started, dispatch_uid="core_request_memo_start")
        request_finished.connect(request_memo.request_finished, dispatch_uid="core_request_memo_end")


def _forget_group_ids(instance, reverse, **kwargs):
    """A user object whose groups change through `user.groups` forgets the ids core.access kept on it."""
    from .access import forget_group_ids

    if not reverse:
        forget_group_ids(instance)
