"""Background work of the accounts app (django-q2)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .mail import send_to_user
from .models import DataExport


def new_export_token():
    """An unguessable token naming one export's download link."""
    return secrets.token_urlsafe(32)


def build_export(export_id):
    """Collect the person's data into the export and mark it ready (runs in the worker)."""
    import json

    from .audit import record
    from .privacy import collect_personal_data

    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        data = collect_personal_data(export.user)
        export.content = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
        export.status = DataExport.Status.READY
        export.ready_at = timezone.now()
        export.expires_at = export.ready_at + timedelta(hours=settings.DATA_EXPORT_TTL_HOURS)
    except Exception:
        export.status = DataExport.Status.FAILED
        export.save(update_fields=["status"])
        raise
    export.save(update_fields=["content", "status", "ready_at", "expires_at"])
    record(export.user, "razem.data_export", user=export.user)
    # The privacy page refreshes itself while the export is prepared; the e-mail is for those who left it.
    send_to_user(export.user, "accounts/emails/export_ready", {"export": export})
    return export.pk


def purge_expired_personal_data():
    """Scheduled: apply every app's retention rules and log the counts."""
    from .privacy import apply_retention

    return apply_retention()
